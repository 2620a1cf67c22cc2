/**
 * Text made safe inside markup — XML and HTML alike, in element text and in quoted attributes: the
 * report's SVG charts and HTML preview and the environment check's page escape through this one function.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
