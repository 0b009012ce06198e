// Comments, scripts and styles cut from a page before it is parsed: half the bytes of a typical
// page are inline scripts and styles, and the parser would build nodes for them only for them to
// be removed. JSON-LD scripts stay for the metadata.
//
// Read left to right the way the HTML tokenizer meets them: a "<!--" inside a script is script
// text, a "<script>" inside a comment is comment text, and an end tag ends at its ">" whatever
// stands between its name and it ("</script\n<!--Facebook …>": the name, then junk attributes).
//
// A scan, not one regular expression: with a lazy body and an end tag of any length, a page of
// many "</script x" without a ">" made the expression retry from every one of them to the end of
// the page (quadratic: 1.5 s for 160 KB, minutes for a few MB). Here each character is read a
// bounded number of times. What is never closed (a comment, a script, a start or end tag running
// to the end of the page) is left as it is: the parser reads it to the end as the tokenizer does,
// and drops it there.

/** Where a comment, a script or a style starts (its name must end there: not "<scripts"). */
const START = /<!--|<(script|style)\b/gi;
const SCRIPT_END = /<\/script(?=[\s/>])/gi;
const STYLE_END = /<\/style(?=[\s/>])/gi;

/** `html` without its comments, scripts (JSON-LD kept) and styles. */
export function stripNonContent(html: string): string {
  const parts: string[] = [];
  let copied = 0;
  START.lastIndex = 0;
  for (let m = START.exec(html); m !== null; m = START.exec(html)) {
    const at = m.index;
    const name = m[1]?.toLowerCase();
    let end: number;
    let keep = false;
    if (name === undefined) {
      const close = html.indexOf('-->', at + 4);
      if (close < 0) break;
      end = close + 3;
    } else {
      const tagEnd = html.indexOf('>', START.lastIndex);
      if (tagEnd < 0) break;
      const endTag = name === 'script' ? SCRIPT_END : STYLE_END;
      endTag.lastIndex = tagEnd + 1;
      const close = endTag.exec(html);
      if (close === null) break;
      const gt = html.indexOf('>', close.index + close[0].length);
      if (gt < 0) break;
      end = gt + 1;
      keep = name === 'script' && /ld\+json/i.test(html.slice(START.lastIndex, tagEnd));
    }
    if (!keep) {
      parts.push(html.slice(copied, at));
      copied = end;
    }
    START.lastIndex = end;
  }
  if (copied === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}
