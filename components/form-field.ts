/** A text field's value from `FormData`: '' when it is missing (or, never for our forms, a file). */
export function fieldText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
