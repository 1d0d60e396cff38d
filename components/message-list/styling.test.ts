import { expect } from '@esm-bundle/chai';
import { parseSpans, parseStyling, type Span } from './styling.ts';

const strong = (...children: Span[]): Span => ({ style: 'strong', directive: '*', children });
const emphasis = (...children: Span[]): Span => ({ style: 'emphasis', directive: '_', children });
const strike = (...children: Span[]): Span => ({ style: 'strike', directive: '~', children });
const pre = (text: string): Span => ({ style: 'preformatted', directive: '`', children: [text] });
const line = (...spans: Span[]) => ({ type: 'line', spans });

describe('message styling (XEP-0393)', () => {
  it('styles spans with text next to their directives', () => {
    expect(parseSpans('*strong*')).to.deep.equal([strong('strong')]);
    expect(parseSpans('plain *strong* plain')).to.deep.equal(['plain ', strong('strong'), ' plain']);
    expect(parseSpans('*strong* plain *strong*')).to.deep.equal([strong('strong'), ' plain ', strong('strong')]);
    expect(parseSpans('*strong*plain*')).to.deep.equal([strong('strong'), 'plain*']);
    expect(parseSpans('* plain *strong*')).to.deep.equal(['* plain ', strong('strong')]);
    expect(parseSpans('Everyone ~dis~likes cake.')).to.deep.equal(['Everyone ', strike('dis'), 'likes cake.']);
    expect(parseSpans('The full title is _Twelfth Night, or What You Will_')).to.deep.equal([
      'The full title is ',
      emphasis('Twelfth Night, or What You Will'),
    ]);
  });

  it('leaves directives that break the rules as text (the XEP’s counter-examples)', () => {
    for (const text of ['not strong*', '*not strong', '*not *strong', '**', '****', 'a*b*c', '* not * strong', 'snake_case_name'])
      expect(parseSpans(text), text).to.deep.equal([text]);
  });

  it('matches lazily and nests spans, but never inside a preformatted span', () => {
    expect(parseSpans('_emphasized *strong* still_')).to.deep.equal([emphasis('emphasized ', strong('strong'), ' still')]);
    expect(parseSpans('*`monospace and bold`*')).to.deep.equal([strong(pre('monospace and bold'))]);
    expect(parseSpans('This is `*monospace*`')).to.deep.equal(['This is ', pre('*monospace*')]);
    expect(parseSpans('*a*b*')).to.deep.equal([strong('a'), 'b*']);
  });

  it('never lets a span cross a line', () => {
    expect(parseStyling('*not\nstrong*')).to.deep.equal([line('*not'), line('strong*')]);
    expect(parseStyling('(but there is no *formatting)\n(as spans* may not escape blocks.)')).to.deep.equal([
      line('(but there is no *formatting)'),
      line('(as spans* may not escape blocks.)'),
    ]);
  });

  it('keeps a preformatted block’s text as it is, until a closing fence or the end', () => {
    expect(parseStyling('```ignored\n(println "*Hello*")\n```\nafter _it_')).to.deep.equal([
      { type: 'preformatted', text: '(println "*Hello*")' },
      line('after ', emphasis('it')),
    ]);
    expect(parseStyling('```\nnever closed\n> not a quote')).to.deep.equal([{ type: 'preformatted', text: 'never closed\n> not a quote' }]);
  });

  it('parses quotations as blocks again, one leading space trimmed, nested by more ">"', () => {
    expect(parseStyling('> That that is, is.\n\nSaid the old hermit of Prague.')).to.deep.equal([
      { type: 'quotation', blocks: [line('That that is, is.')] },
      line(),
      line('Said the old hermit of Prague.'),
    ]);
    expect(parseStyling('>> That that is, is.\n> Said the *hermit*.\nWho?')).to.deep.equal([
      {
        type: 'quotation',
        blocks: [{ type: 'quotation', blocks: [line('That that is, is.')] }, line('Said the ', strong('hermit'), '.')],
      },
      line('Who?'),
    ]);
    expect(parseStyling('>  two spaces')).to.deep.equal([{ type: 'quotation', blocks: [line(' two spaces')] }]);
  });

  it('ends a preformatted block inside a quotation with the quotation', () => {
    expect(parseStyling('> ```\n> (println "Hello")\n\nplain')).to.deep.equal([
      { type: 'quotation', blocks: [{ type: 'preformatted', text: '(println "Hello")' }] },
      line(),
      line('plain'),
    ]);
  });

  it('keeps markup-like text as text', () => {
    expect(parseStyling('<b>not bold</b> & *bold*')).to.deep.equal([line('<b>not bold</b> & ', strong('bold'))]);
  });
});
