/**
 * Fills `{{name}}` placeholders. Values are inserted as given; callers JSON-encode user text so the
 * prompt shows it as data. Unknown placeholders are left in place (a mounted prompt may add its own).
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
