/** Fills `{name}` placeholders; unknown placeholders are left as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
