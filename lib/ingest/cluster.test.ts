import { describe, expect, it } from 'vitest';
import { clusterArticles } from './cluster';

// Original fixture text about a fictional bank.
const FULL = [
  '江城银行近日发布消息，今年前三季度，该行累计向辖内小微企业发放信用贷款120亿元，同比增长30%，服务客户数量首次突破5万户。',
  '为解决小微企业缺少抵押物的难题，江城银行依托税务、社保和水电等公共数据，搭建了线上授信模型，企业在手机上提交申请后最快十分钟即可获得额度。',
  '在乡村振兴领域，该行向种植大户和农民专业合作社推出“丰收贷”，以土地经营权和订单作为增信手段，帮助农户解决春耕备耕期间的资金周转问题。',
  '该行有关负责人介绍，江城银行还设立了科技支行，为专精特新企业配备专门的客户经理团队，提供从初创期到上市前的全周期金融服务。',
  '与此同时，江城银行持续推进减费让利，对小微企业免收账户管理费和部分转账手续费，全年预计让利超过2亿元。',
  '在风险管理方面，该行建立了贷后预警系统，通过大数据实时监测企业经营变化，确保信贷资金投向实体经济的重点领域和薄弱环节。',
  '下一步，江城银行将继续围绕地方经济发展大局，加大对制造业、绿色产业和民生消费领域的信贷投放，以更有温度的金融服务回馈社会。',
].join('\n');

const ABRIDGED = [
  '据悉，今年前三季度，江城银行累计向辖内小微企业发放信用贷款120亿元，同比增长30%，服务客户数量首次突破5万户。',
  '为解决小微企业缺少抵押物的难题，江城银行依托税务、社保和水电等公共数据，搭建了线上授信模型，企业在手机上提交申请后最快十分钟即可获得额度。',
  '江城银行还设立了科技支行，为专精特新企业配备专门的客户经理团队，提供从初创期到上市前的全周期金融服务。',
  '下一步，江城银行将继续围绕地方经济发展大局，加大对制造业、绿色产业和民生消费领域的信贷投放。',
].join('\n');

const OTHER_STORY = [
  '江城银行今日在总部举行绿色金融发布会，宣布设立规模为50亿元的专项额度，用于支持光伏、风电和储能项目建设。',
  '该行表示，将把环境和气候风险纳入授信审批流程，对高耗能项目实行名单制管理，并探索碳排放权质押融资等新型产品。',
  '发布会上，江城银行与三家新能源企业签订了战略合作协议，首批意向授信金额合计18亿元。',
  '业内人士认为，地方银行发展绿色金融有助于优化信贷结构，也为地方经济的低碳转型提供了资金保障。',
].join('\n');

describe('clusterArticles', () => {
  it('clusters the same story from two outlets when one is abridged', () => {
    const clusters = clusterArticles([
      { id: 'b-outlet', title: '江城银行小微贷款突破百亿', text: ABRIDGED },
      { id: 'a-outlet', title: '江城银行前三季度普惠金融成绩单出炉', text: FULL },
      { id: 'c-other', title: '江城银行发布绿色金融专项额度', text: OTHER_STORY },
    ]);
    expect(clusters).toEqual(
      new Map([
        ['a-outlet', 'a-outlet'],
        ['b-outlet', 'a-outlet'],
      ]),
    );
  });

  it('clusters titles one character apart with the same short text', () => {
    const clusters = clusterArticles([
      { id: 'x2', title: '某市首套房贷利率下调至新低', text: '数据显示，某市首套房贷利率已下调至新低。' },
      { id: 'x1', title: '某市首套房贷利率下调至新低。', text: '某市首套房贷利率已下调至新低。' },
      { id: 'x3', title: '某市首套房贷利率下调至新底', text: '某市首套房贷利率已下调至新低。' },
    ]);
    expect(clusters).toEqual(
      new Map([
        ['x1', 'x1'],
        ['x2', 'x1'],
        ['x3', 'x1'],
      ]),
    );
  });

  it('keeps apart updates whose numbers differ, however similar the wording', () => {
    const clusters = clusterArticles([
      { id: 'n1', title: '北向资金净流入超40亿', text: '数据显示，截至目前，北向资金净流入超40亿元。' },
      { id: 'n2', title: '北向资金净流入超50亿', text: '数据显示，截至目前，北向资金净流入超50亿元。' },
      { id: 'n3', title: '某指数期货涨超1%', text: '某指数期货涨超1%。' },
      { id: 'n4', title: '某指数期货涨超2%', text: '某指数期货涨超2%。' },
    ]);
    expect(clusters.size).toBe(0);
  });

  it('keeps apart different stories about the same bank', () => {
    expect(
      clusterArticles([
        { id: 'p', title: '江城银行前三季度普惠金融成绩单出炉', text: FULL },
        { id: 'q', title: '江城银行发布绿色金融专项额度', text: OTHER_STORY },
      ]).size,
    ).toBe(0);
  });

  it('ignores layout, punctuation, width and traditional characters', () => {
    const clusters = clusterArticles([
      { id: 't1', title: '江城銀行小微貸款突破百億', text: ABRIDGED.replace(/银行/g, '銀行').replace(/，/g, ',\n') },
      { id: 't2', title: '江城银行小微贷款突破百亿', text: ABRIDGED },
    ]);
    expect(clusters.get('t1')).toBe('t1');
    expect(clusters.get('t2')).toBe('t1');
  });

  it('handles empty texts and a single document', () => {
    expect(clusterArticles([]).size).toBe(0);
    expect(clusterArticles([{ id: 'only', title: '', text: '' }]).size).toBe(0);
    expect(
      clusterArticles([
        { id: 'e1', title: '', text: '' },
        { id: 'e2', title: '', text: '' },
      ]).size,
    ).toBe(0);
  });

  it('scales with LSH: 20,000 documents with planted duplicates', () => {
    let seed = 7;
    const rnd = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const char = (): string => String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000));
    const sentence = (): string => Array.from({ length: 30 + Math.floor(rnd() * 40) }, char).join('') + '。';
    const docs: { id: string; title: string; text: string }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const previous = docs[i - 1];
      if (i % 500 === 1 && previous) {
        docs.push({ id: `d${i}`, title: `${previous.title}！`, text: previous.text.split('\n').slice(0, 3).join('\n') });
      } else {
        docs.push({ id: `d${i}`, title: Array.from({ length: 12 }, char).join(''), text: Array.from({ length: 6 }, sentence).join('\n') });
      }
    }
    const started = performance.now();
    const clusters = clusterArticles(docs);
    const seconds = (performance.now() - started) / 1000;
    console.info(`clusterArticles: 20,000 documents in ${seconds.toFixed(1)} s`);
    expect(clusters.size).toBe(80);
    expect(clusters.get('d1')).toBe('d0');
    expect(seconds).toBeLessThan(40);
  });
});
