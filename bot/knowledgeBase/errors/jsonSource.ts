import { findNodeAtLocation, type Node, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';

/** A place in a file, for people: line and column counted from 1. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A JSON syntax error, said for people. */
export interface SyntaxProblem extends SourcePosition {
  message: string;
  suggestion?: string;
}

/** Segments of a JSON path: property names and array indexes (from 0, as in the data). */
export type PathSegments = ReadonlyArray<string | number>;

/** What each of the parser's error codes means, with what usually fixes it. */
const SYNTAX: Record<string, { message: string; suggestion?: string }> = {
  CommaExpected: { message: 'a comma is missing', suggestion: 'add a comma at the end of the line before' },
  CloseBraceExpected: { message: 'a closing brace } is missing (or a comma between two properties)' },
  CloseBracketExpected: { message: 'a closing bracket ] is missing (or a comma between two items)' },
  ColonExpected: { message: 'a colon : is missing after the property name' },
  PropertyNameExpected: {
    message: 'a property name in double quotes was expected',
    suggestion: 'remove the comma after the last property, or quote the name',
  },
  ValueExpected: {
    message: 'a value was expected',
    suggestion: 'remove the comma after the last item, or add the missing value',
  },
  InvalidSymbol: {
    message: 'this is not JSON',
    suggestion: 'texts go in "double quotes"; true, false and null are written in lower case',
  },
  EndOfFileExpected: {
    message: 'the file goes on after its end',
    suggestion: 'remove what follows the last }',
  },
  UnexpectedEndOfString: { message: 'a text is not closed', suggestion: 'add the closing " on this line' },
  InvalidEscapeCharacter: {
    message: 'an invalid escape in a text',
    suggestion: 'write a backslash as \\\\ and a quote as \\"',
  },
  InvalidCharacter: {
    message: 'a control character (such as a tab or line break) inside a text',
    suggestion: 'write it as \\t or \\n',
  },
  InvalidCommentToken: { message: 'comments are not allowed in JSON', suggestion: 'use the "note" property' },
  InvalidNumberFormat: { message: 'this number is not valid JSON' },
  InvalidUnicode: { message: 'an invalid \\u escape' },
};

/**
 * One JSON file's text with its syntax tree: parses it (strict JSON) and turns JSON paths into line and column
 * and into paths for people — array items named by their `id` or `name`, or counted from 1.
 */
export class JsonSource {
  readonly root: Node | undefined;
  readonly syntax: SyntaxProblem | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') this.lineStarts.push(i + 1);
    const errors: ParseError[] = [];
    this.root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    // The first syntax error only: what follows it is almost always the same mistake seen again.
    const first = errors[0];
    if (first) {
      const code = printParseErrorCode(first.error);
      const known = SYNTAX[code] ?? { message: `invalid JSON (${code})` };
      let at = this.position(first.offset);
      let suggestion = known.suggestion;
      if (code === 'CommaExpected') {
        const before = this.previousToken(first.offset);
        if (before !== undefined) {
          const end = this.position(before);
          suggestion = `add a comma at the end of line ${end.line}`;
          at = end;
        }
      }
      if (text.trim() === '') this.syntax = { ...at, message: 'the file is empty' };
      else this.syntax = { ...at, message: known.message, ...(suggestion ? { suggestion } : {}) };
    }
  }

  /** The parsed value (undefined after a syntax error). */
  value(): unknown {
    return this.syntax ? undefined : JSON.parse(this.text);
  }

  /** Line and column (from 1) of a character offset. */
  position(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  /**
   * Where a path is in the file: the value it names or, when that is missing (a required property), the
   * closest enclosing value that exists; plus the path as people read it.
   */
  locate(segments: PathSegments): SourcePosition & { where: string } {
    const where = this.describe(segments);
    if (!this.root) return { line: 1, column: 1, where };
    for (let n = segments.length; n >= 0; n -= 1) {
      const node = findNodeAtLocation(this.root, [...segments.slice(0, n)]);
      if (!node) continue;
      // A property's name is where people look, not its value.
      const property = node.parent?.type === 'property' ? node.parent : undefined;
      return { ...this.position(property?.offset ?? node.offset), where };
    }
    return { line: 1, column: 1, where };
  }

  /** `$.plans[name="IoT Nordic Data"].roaming.zones[#2]`: items by id or name, else counted from 1. */
  describe(segments: PathSegments): string {
    let out = '$';
    let node = this.root;
    for (const segment of segments) {
      if (typeof segment === 'number') {
        const item = node?.type === 'array' ? node.children?.[segment] : undefined;
        const label = item ? itemLabel(item) : undefined;
        out += label ?? `[#${segment + 1}]`;
        node = item;
      } else {
        out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
        node = node?.type === 'object' ? findNodeAtLocation(node, [segment]) : undefined;
      }
    }
    return out;
  }

  /** Offset just after the last token before `offset` (where a missing comma belongs). */
  private previousToken(offset: number): number | undefined {
    let i = offset - 1;
    while (i >= 0 && /\s/.test(this.text[i] ?? '')) i -= 1;
    return i >= 0 ? i + 1 : undefined;
  }
}

/** `[id="check_apn"]` / `[name="IoT Connect EU"]` for an array item that names itself. */
function itemLabel(item: Node): string | undefined {
  if (item.type !== 'object') return undefined;
  for (const key of ['id', 'name']) {
    const value = findNodeAtLocation(item, [key]);
    if (value?.type === 'string') return `[${key}=${JSON.stringify(value.value)}]`;
  }
  return undefined;
}

/** Split a JSON path written by `toJsonPath` (`$.a.b[0]["x.y"]`) back into segments. */
export function parseJsonPath(jsonPath: string): Array<string | number> {
  const out: Array<string | number> = [];
  const pattern = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of jsonPath.slice(1).matchAll(pattern)) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[3] !== undefined) out.push(JSON.parse(match[3]) as string);
  }
  return out;
}
