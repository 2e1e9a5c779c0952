/** The trainer view's words for the server's older refusal reasons (shared with the CLI: src/answer/explain.ts). */
export { legacyRefusalText as refusalText } from '../../src/answer/explain.js';
