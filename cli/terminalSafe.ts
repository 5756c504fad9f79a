/**
 * A line as it may reach a terminal: control characters (C0 but the tab and the newline, DEL, C1) are shown as `\xNN`, so a
 * name from a user's module cannot clear the screen or move the cursor. cgsim's own lines hold none, and its
 * JSON escapes them already, so nothing else changes.
 */
export function terminalSafe(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
