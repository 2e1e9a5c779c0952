/**
 * Readers of the trace's loosely typed values (`Record<string, unknown>` from JSON), shared by the explanation and the
 * views that draw it: each returns a safe empty value for anything of another type.
 */
export type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC') : typeof v === 'number' ? String(v) : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strings = (v: unknown): string[] => list(v).map(str).filter(Boolean);
