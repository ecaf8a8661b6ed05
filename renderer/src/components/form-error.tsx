/** What went wrong with a form's last action, announced to screen readers; nothing when all is well. */
export function FormError({ error, as: Tag = 'p' }: { error: string | null | undefined; as?: 'p' | 'span' | 'div' }) {
  if (!error) return null;
  return (
    <Tag className="form-error" role="alert">
      {error}
    </Tag>
  );
}
