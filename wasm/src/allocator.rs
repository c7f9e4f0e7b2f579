//! A small allocator for a single-threaded wasm module: sizes rounded up to a power of two,
//! one free list per size, fresh blocks from `memory.grow`. Freed blocks are reused for their
//! own size and never merged, which suits this module: a call allocates the same few shapes
//! (tapes, issues, strings) every time, and all of it is freed when the call returns.
//! About 1 KB of wasm where dlmalloc is 8 KB.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr;

/// Size classes 2^4 (16 bytes) to 2^31.
const CLASSES: usize = 32;
const SMALLEST: usize = 4;
const PAGE: usize = 65_536;

struct State {
    /// The first free block of each class; a free block holds the address of the next.
    free: [*mut u8; CLASSES],
    /// Where the next fresh block starts, and where grown memory ends.
    next: usize,
    end: usize,
}

struct Allocator(UnsafeCell<State>);

// wasm32-unknown-unknown without the atomics feature runs one thread.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(State {
    free: [ptr::null_mut(); CLASSES],
    next: 0,
    end: 0,
}));

/// The class of a layout: the power of two that holds its size and its alignment.
#[inline(always)]
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << SMALLEST);
    // The bits of `size - 1` (at least 4): the exponent of the power of two that holds it.
    let class = (usize::BITS - (size - 1).leading_zeros()) as usize;
    (class < CLASSES).then_some(class)
}

impl State {
    /// A fresh block of `1 << class` bytes, aligned to its size (up to a page), from the end
    /// of the heap, growing memory as needed.
    fn fresh(&mut self, class: usize) -> *mut u8 {
        let size = 1usize << class;
        let align = size.min(PAGE);
        if self.next == 0 {
            // Start past the memory the module was given: its data and stack live there.
            self.next = wasm32::memory_size(0) * PAGE;
            self.end = self.next;
        }
        let Some(start) = self.next.checked_add(align - 1).map(|at| at & !(align - 1)) else {
            return ptr::null_mut();
        };
        let Some(stop) = start.checked_add(size) else {
            return ptr::null_mut();
        };
        if stop > self.end {
            let pages = (stop - self.end).div_ceil(PAGE);
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return ptr::null_mut();
            }
            self.end += pages * PAGE;
        }
        self.next = stop;
        start as *mut u8
    }
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return ptr::null_mut();
        };
        let state = &mut *self.0.get();
        let head = state.free[class];
        if head.is_null() {
            state.fresh(class)
        } else {
            state.free[class] = *(head as *mut *mut u8);
            head
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout) {
            let state = &mut *self.0.get();
            *(block as *mut *mut u8) = state.free[class];
            state.free[class] = block;
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class_of(layout) == class_of(new_layout) {
            return block;
        }
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        moved
    }
}
