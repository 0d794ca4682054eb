import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';

describe('manifest.xml', () => {
  it('is well-formed XML declaring a task pane add-in for Excel', () => {
    const xml = readFileSync(path.join(__dirname, '..', 'manifest.xml'), 'utf8');
    const elements: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => elements.push(tag.local));
    parser.on('error', (err) => {
      throw err;
    });
    parser.write(xml).close();
    expect(elements[0]).toBe('OfficeApp');
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(elements).toContain('Host');
  });
});
