import { creditCodeCheckChar } from '../../api/enterprises/credit-code.js';

export const ENTERPRISE_CSV_HEADER = '企业名称,简称,统一社会信用代码,地址,镇（街道）,网格,企业类别,风险等级,联系人,联系电话,登记日期';
const CLASSES = ['重点', '规上', '规下'];
const COLORS = ['红', '橙', '黄', '蓝'];

/** A checksum-valid unified social credit code numbered `n` (91 = enterprise, 320412 = a district). */
export function benchCreditCode(n: number): string {
  const body = `91320412${String(n).padStart(9, '0').slice(-9)}`;
  return body + creditCodeCheckChar(body);
}

/**
 * An enterprise register of `rows` new enterprises spread over the given (town, grid) names, as a
 * town office would upload it; `first` numbers the names and credit codes so runs do not collide.
 */
export function enterpriseCsv(rows: number, places: readonly (readonly [string, string])[], first = 0): string {
  const lines = [ENTERPRISE_CSV_HEADER];
  for (let j = 0; j < rows; j++) {
    const i = first + j;
    const [town, grid] = places[j % places.length];
    lines.push(`压测导入企业${i}有限公司,导入${i},${benchCreditCode(700_000_000 + i)},${town}工业路${i}号,${town},${grid},${CLASSES[i % 3]},${COLORS[i % 4]},联系人${i % 1000},0519-8${String(i % 10_000_000).padStart(7, '0')},2020-01-${String((i % 28) + 1).padStart(2, '0')}`);
  }
  return lines.join('\n');
}
