// GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from a 31-symbol
// alphabet (no I, O, S, V, Z), the last one a check character over the first 17.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters (also handy to build valid test data). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Upper-cases and strips spaces, as codes are typed or pasted from spreadsheets. */
export const normalizeCreditCode = (raw: string) => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

export type CreditCodeProblem = 'format' | 'check' | null;

export function creditCodeProblem(code: string): CreditCodeProblem {
  if (!CREDIT_CODE_SHAPE.test(code)) return 'format';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}
