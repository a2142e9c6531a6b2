/**
 * A line meant for the person who started the hub (the generated admin key), written as plain text on its own
 * lines rather than inside a log entry, where it would be one JSON line among a hundred.
 */
export function printNotice(lines: string[], out: NodeJS.WritableStream = process.stdout): void {
  out.write(`\n${lines.join('\n')}\n\n`);
}
