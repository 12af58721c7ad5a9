/** The only source of "now" for domain code: tests and jobs pass a fixed one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const fixedClock = (at: Date | string): Clock => {
  const t = new Date(at).getTime();
  return () => new Date(t);
};
