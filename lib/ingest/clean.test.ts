import { describe, expect, it } from 'vitest';
import { cleanBody } from './clean';

/** A body in the shape of the Jekyll posts: HTML, widget, source line, URL line, footer. */
const HTML_BODY = [
  '<p style="display:none;height:1px;"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;">',
  '<a href="http://quote.example.com/1.600000" class="EmImageRemark"><img src="https://img.example.com/k.png" alt="K图 600000_0" /></a></p>',
  '<!-- EM_StockImg_End --><p>某某银行今年以来持续加大对<span id="x"><a href="http://quote.example.com/bk" class="keytip">小微企业</a></span>',
  '<span id="q"></span>的支持力度。<br /></p>',
  ' <p><strong>普惠金融，服务实体经济</strong></p>',
  ' <!-- 一段注释 --><p>该行推出&ldquo;快贷&rdquo;产品，<a href="http://example.com/empty"></a>审批时间缩短至1天&amp;全程线上。</p>',
  '<p>第一行<br>第二行</p><center><img src="x.jpg" alt="Image" /></center><p style="text-align:center;">图片来源：某某官网</p>',
  '<p class="em_media">（文章来源：<span>某某</span><a href="#">日</a>报）</p>',
  '',
  '<http://news.example.com/articles/12345.html>',
  '',
  '[返回某某日报新闻](//site.example.com/category/x.html)｜[返回首页](//site.example.com/)',
].join('\n');

describe('cleanBody: HTML', () => {
  const r = cleanBody(HTML_BODY);

  it('keeps paragraph breaks from block elements and <br>, nothing else', () => {
    expect(r.isHtml).toBe(true);
    expect(r.text).toBe(
      ['某某银行今年以来持续加大对小微企业的支持力度。', '普惠金融，服务实体经济', '该行推出“快贷”产品，审批时间缩短至1天&全程线上。', '第一行', '第二行'].join(
        '\n',
      ),
    );
  });

  it('takes the URL line and the source line out of the text', () => {
    expect(r.url).toBe('http://news.example.com/articles/12345.html');
    expect(r.sourceLine).toBe('某某日报');
    expect(r.text).not.toMatch(/返回|http|K图|图片来源|文章来源/);
  });

  it('treats an empty autolink as no URL', () => {
    expect(cleanBody('<p>正文。</p>\n\n<>\n').url).toBeNull();
  });

  it('reads <h1>/<title> and canonical links of full pages', () => {
    const page = cleanBody(
      '<html><head><title>页面标题_某某财经</title><link rel="canonical" href="https://news.example.com/a.html"></head>' +
        '<body><script>var x = 1;</script><h1>某某银行发布年报</h1><p>正文。</p></body></html>',
    );
    expect(page.htmlTitle).toBe('某某银行发布年报');
    expect(page.url).toBe('https://news.example.com/a.html');
    expect(page.text).toBe('某某银行发布年报\n正文。');
  });
});

describe('cleanBody: Markdown', () => {
  const body = [
    '',
    '> 据某某消息，某行宣布下调[存款利率](http://example.com/rate)。（某某证券报）',
    '',
    '该行表示，调整自<http://example.com/notice>公布之日起执行。',
    '',
    '<http://finance.example.com/news/1.html>',
    '',
    '[返回滚动新闻](../emnews/)',
    '[返回首页](../)',
  ].join('\n');
  const r = cleanBody(body);

  it('strips quote markers and link syntax, keeps the words', () => {
    expect(r.isHtml).toBe(false);
    expect(r.text).toBe('据某某消息，某行宣布下调存款利率。（某某证券报）\n该行表示，调整自http://example.com/notice公布之日起执行。');
  });

  it('uses an autolink alone on a line as the URL', () => {
    expect(r.url).toBe('http://finance.example.com/news/1.html');
  });

  it('keeps Markdown paragraphs apart even when one lacks final punctuation', () => {
    expect(cleanBody('第一段没有句号\n\n第二段。').text).toBe('第一段没有句号\n第二段。');
  });

  it('joins soft-wrapped Latin words with a space and Chinese with nothing', () => {
    expect(cleanBody('The bank said\nit would cut rates.').text).toBe('The bank said it would cut rates.');
    expect(cleanBody('某行表示将继续支\n持实体经济。').text).toBe('某行表示将继续支持实体经济。');
  });

  it('treats markdown headings as explicit headings', () => {
    const h = cleanBody('# 某行发布年报\n\n正文。');
    expect(h.paragraphs[0]).toEqual({ text: '某行发布年报', headline: true, explicitHeading: true });
  });
});

describe('cleanBody: hard-wrapped plain text', () => {
  const body = [
    ' 2024年，某某银行江城分行持续加大对小微企',
    '业的信贷支持力度，全年累计发放普惠贷款',
    '超过十亿元，有效缓解了企业融资难、融',
    '资贵问题。',
    '',
    '下一步，该行将继续深化金融服务，推动',
    '',
    '普惠金融高质量发展。',
    '',
    '某某银行江城分行',
    '',
    '用心做好每一笔小额贷款服务',
    '',
    '一直以来，该行坚持以客户为中心，不断贯',
    '',
    '彻落实各项惠企政策，持续完善服务体',
    '',
    '系。2023年起，该行为老年客户提供便 于 使 用 的',
    '大字版手机银行。',
    ' 日前，该行在城东社区开展金融知识宣传。',
    ' ',
  ].join('\n');
  const r = cleanBody(body);

  it('joins lines wrapped mid-word, even across blank lines, inserting nothing', () => {
    expect(r.paragraphs.map((p) => p.text)).toEqual([
      '2024年，某某银行江城分行持续加大对小微企业的信贷支持力度，全年累计发放普惠贷款超过十亿元，有效缓解了企业融资难、融资贵问题。',
      '下一步，该行将继续深化金融服务，推动普惠金融高质量发展。',
      '某某银行江城分行',
      '用心做好每一笔小额贷款服务',
      '一直以来，该行坚持以客户为中心，不断贯彻落实各项惠企政策，持续完善服务体系。2023年起，该行为老年客户提供便于使用的大字版手机银行。',
      '日前，该行在城东社区开展金融知识宣传。',
    ]);
  });

  it('marks short standalone lines after a finished paragraph as headlines', () => {
    expect(r.paragraphs.filter((p) => p.headline).map((p) => p.text)).toEqual(['某某银行江城分行', '用心做好每一笔小额贷款服务']);
  });

  it('separates paragraphs by a single newline, trimmed, none empty', () => {
    expect(r.text).not.toMatch(/\n\n|^\s|\s$/);
    expect(r.paragraphs.every((p) => p.text !== '')).toBe(true);
  });
});

describe('cleanBody: boilerplate lines in plain text', () => {
  it('removes a bare 文章来源 line and keeps its outlet', () => {
    const r = cleanBody('某行发布公告。\n\n文章来源：某某网');
    expect(r.text).toBe('某行发布公告。');
    expect(r.sourceLine).toBe('某某网');
  });
});

describe('cleanBody: long inputs stay linear', () => {
  it('unwraps a 2 MB hard-wrapped paragraph quickly', () => {
    const body = '某行表示将继续支\n持实体经济发展，\n'.repeat(60_000);
    const started = performance.now();
    const r = cleanBody(body);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.paragraphs).toHaveLength(1);
    expect(r.text.startsWith('某行表示将继续支持实体经济发展，某行')).toBe(true);
  });

  it('does not backtrack on a long line of links', () => {
    const started = performance.now();
    cleanBody(`${'[返回](x)  '.repeat(200)}X`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('cleanBody: link targets with parentheses', () => {
  it('keeps only the text of a Markdown link whose target holds parentheses, and drops such footers', () => {
    const r = cleanBody('<p>点击[领取红包](javascript:alert(1))吧。</p>\n[返回安全测试新闻](javascript:void(0))｜[返回首页](http://example.com/)\n');
    expect(r.text).toBe('点击领取红包吧。');
  });

  it('removes an image whose target holds parentheses', () => {
    expect(cleanBody('正文![图](http://example.com/a_(1).png)继续。').text).toBe('正文继续。');
  });
});
