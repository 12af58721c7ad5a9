// A binding code is 10 digits: the first 4 (the selector) say which code a guess is aimed at and
// are not secret; the other 6 are. Guesses are checked only against the live codes sharing the
// selector, each check is counted on those codes first, and a code dies after
// PER_CODE_CHECKS checks (binding-limits.ts). So however many senders guess, each code is checked
// at most a handful of times: the chance that any one code is guessed is at most
// PER_CODE_CHECKS / 10^6, and the only way to find a live selector is to spend sender attempts.
// Six digits alone (the earlier format) could not be protected without a platform-wide limit,
// which lets one stranger lock everybody out.

export const BINDING_CODE_DIGITS = 10;
export const SELECTOR_DIGITS = 4;

/** The digits of a code as typed: full-width digits, spaces and dashes come from phone keyboards. */
export function normaliseBindingCode(input: string): string | null {
  const code = input.normalize('NFKC').replace(/[\s\-‐-―－]+/g, '');
  return new RegExp(`^\\d{${BINDING_CODE_DIGITS}}$`).test(code) ? code : null;
}

export const selectorOf = (code: string) => code.slice(0, SELECTOR_DIGITS);
