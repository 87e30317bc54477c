type PageResult<T> = { ok: true; value: { rows: readonly T[]; nextCursor: string | null; archived: boolean } } | { ok: false; error: { message: string } };

/** A grid page call's result as the grid wants it: the page, or a thrown error in plain words. */
export async function unwrapPage<T>(call: Promise<PageResult<T>> | undefined, onArchived: (known: boolean) => void) {
  const result = await call;
  if (!result) throw new Error('Not connected to Turkbench.');
  if (!result.ok) throw new Error(result.error.message);
  onArchived(result.value.archived);
  return result.value;
}
