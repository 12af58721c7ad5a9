/** A platform callback mounted on the HTTP app: the raw request, and a way to finish work after answering. */
export type CallbackHandler = (request: Request, background: (work: Promise<unknown>) => void) => Promise<Response>;
