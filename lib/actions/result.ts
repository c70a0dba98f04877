// What every server action returns to the browser: data, or a message that is safe to show.
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[] | undefined> };
