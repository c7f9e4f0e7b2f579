import type { ErrorCode, WarningCode } from '../types.js';

/** German templates, one per code, for `ValidateOptions.messages`. */
export declare const messagesDe: Readonly<Record<ErrorCode | WarningCode, string>>;
