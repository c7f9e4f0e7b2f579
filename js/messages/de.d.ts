import type { ErrorCode, FixMessageKey, WarningCode } from '../types.js';

/** German templates, one per code and per fix kind (`fix.<kind>`), for `ValidateOptions.messages`. */
export declare const messagesDe: Readonly<Record<ErrorCode | WarningCode | FixMessageKey, string>>;
