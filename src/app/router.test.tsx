import fs from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AppLoading } from './router';

describe('the first paint', () => {
  it('index.html holds what React first renders, so replacing it moves nothing', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../index.html'), 'utf8');
    const root = /<div id="root">([\s\S]*?)<\/div>/.exec(html)?.[1];
    expect(root).toBe(renderToStaticMarkup(<AppLoading />));
  });
});
