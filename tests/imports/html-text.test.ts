// Imported HTML -> plain text: paragraphs and links kept as text, entities decoded, no markup left.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from '../../server/imports/html-text.js';

const disqus = (html: string) => htmlToText(html, { keepNewlines: false });
const wordpress = (html: string) => htmlToText(html, { keepNewlines: true });

describe('htmlToText', () => {
  it('turns paragraphs into blank lines and <br> into a newline', () => {
    assert.equal(disqus('<p>One</p><p>Two<br>Three<br/>Four</p>'), 'One\n\nTwo\nThree\nFour');
  });

  it('collapses source whitespace like a browser (Disqus) or keeps newlines (WordPress)', () => {
    assert.equal(disqus('<p>a\n   b</p>\n\n<p>c</p>'), 'a b\n\nc');
    assert.equal(wordpress('first line\nsecond line\n\nnew paragraph'), 'first line\nsecond line\n\nnew paragraph');
  });

  it('keeps links as text: "text (url)", the bare URL when the text is the URL, nothing for unsafe schemes', () => {
    assert.equal(disqus('See <a href="https://a.example/x">the report</a>.'), 'See the report (https://a.example/x).');
    assert.equal(disqus('<a href="https://a.example/x">https://a.example/x</a>'), 'https://a.example/x');
    assert.equal(disqus('<a href="javascript:alert(1)">click</a>'), 'click');
    assert.equal(disqus('<img src="https://img.example/p.png" alt="chart">'), 'chart https://img.example/p.png');
  });

  it('decodes named and numeric entities, Devanagari included', () => {
    assert.equal(disqus('Fish &amp; chips &lt;3 &hellip; &#8212; &#x0915;&#2352; &nbsp;x'), 'Fish & chips <3 … — कर x');
  });

  it('drops every tag, and scripts and styles with their content', () => {
    const text = disqus('<div onclick="x()"><script>alert(1)</script><style>p{}</style><b>bold</b> <i>it</i><iframe src="https://evil.example"></iframe></div>');
    assert.equal(text, 'bold it');
    assert.doesNotMatch(disqus('<p><scr<script>ipt>alert(1)</script></p>'), /<script/i);
  });

  it('lists and quotes stay readable', () => {
    assert.equal(disqus('<blockquote>quoted</blockquote><ul><li>one</li><li>two</li></ul>'), 'quoted\n\n• one\n• two');
  });
});
