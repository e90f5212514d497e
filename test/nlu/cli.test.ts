import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('nlu classify CLI', () => {
  it('prints exactly one JSON object per input line and nothing else', async () => {
    const input = ['hola', 'no data on 40 trackers', '', '+CEREG: 0,3', 'CS-12345 any news?'];
    const child = spawn('npx', ['tsx', 'bot/nlu/cli.ts'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(`${input.join('\n')}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).to.equal(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).to.have.length(4);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed)
      expect(p).to.include.keys('text', 'lang', 'intent', 'confidence', 'entities', 'runnerUp');
    expect(parsed.map((p) => p.text)).to.deep.equal([
      'hola',
      'no data on 40 trackers',
      '+CEREG: 0,3',
      'CS-12345 any news?',
    ]);
    expect(parsed[0]?.lang).to.equal('es');
    expect(parsed[1]?.intent).to.equal('data');
    expect(parsed[3]?.intent).to.equal('case_status');
  });
});
