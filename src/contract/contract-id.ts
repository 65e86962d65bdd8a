declare const __CONTRACT_ID__: string;

/**
 * A fingerprint of this contract's source (the files of `src/contract`, hashed when the app is
 * built, in `vite.config.ts`). Data this browser validated and kept is stamped with it: read back
 * under the same contract, it needs no second validation (a run of 20 kept sessions took
 * ≈ 100 ms of zod on a reopen); under another one (the app was updated), it is validated again.
 */
export const CONTRACT_ID: string = __CONTRACT_ID__;
