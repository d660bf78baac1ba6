import { describe, expect, it } from 'vitest';
import { bankDictionary, bankNameSpans, findBanks } from './banks';

const banks = (text: string): string[] => findBanks(text).banks;

describe('findBanks: traps that are not 中国银行', () => {
  it.each([
    '中国银行业协会发布年度报告。',
    '中国银行保险监督管理委员会近日印发通知。',
    '中国银行间市场交易商协会公布数据。',
    '其中行业龙头表现较好。',
    '该行资产规模位居中国银行业前列。',
    '化工行业和施工行业景气回升。',
    '成交行情清淡，人行道上行人稀少。',
    '上海银行间同业拆放利率小幅上行。',
    '摩根大通发表报告，维持渣打集团评级。',
  ])('%s', (text) => {
    expect(banks(text)).toEqual([]);
  });
});

describe('findBanks: names and aliases', () => {
  it('maps full and short forms to one canonical name', () => {
    expect(banks('中国建设银行、建设银行、建行和CCB')).toEqual(['建设银行']);
    expect(banks('交行与交通银行')).toEqual(['交通银行']);
    expect(banks('工行、农行、中行、招行、邮储')).toEqual(['中国银行', '农业银行', '工商银行', '招商银行', '邮储银行']);
    expect(banks('中国银行业务量和中国银行业绩均增长')).toEqual(['中国银行']);
  });

  it('matches Latin aliases as whole words, case-insensitively', () => {
    expect(banks('ICBC and ccb, BoCom')).toEqual(['交通银行', '工商银行', '建设银行']);
    expect(banks('ABCCB XICBC ICBCX')).toEqual([]);
    expect(banks('CCB建融家园')).toEqual(['建设银行']);
  });

  it('folds full-width and traditional text first', () => {
    expect(banks('ＣＣＢ與中國建設銀行')).toEqual(['建设银行']);
    expect(banks('滙豐銀行在港發佈公告')).toEqual(['汇丰银行']);
  });

  it('tells city and rural commercial banks apart', () => {
    expect(banks('北京农商银行与北京银行签约')).toEqual(['北京农商银行', '北京银行']);
    expect(banks('北京农村商业银行')).toEqual(['北京农商银行']);
  });

  it('finds private and foreign banks', () => {
    expect(banks('微众银行、网商银行与花旗银行')).toEqual(['微众银行', '网商银行', '花旗银行']);
  });

  it('keeps the central bank apart from banks', () => {
    const r = findBanks('中国人民银行、人民银行和央行宣布降准，建设银行响应。');
    expect(r.banks).toEqual(['建设银行']);
    expect(r.central).toEqual(['中国人民银行']);
    expect(findBanks('欧洲央行宣布加息。').central).toEqual([]);
  });

  it('does not read 农商银行 alone or a province name as a bank', () => {
    expect(banks('多家农商银行下调存款利率。')).toEqual([]);
  });
});

describe('findBanks: branches', () => {
  it('resolves branches to their bank and province', () => {
    const r = findBanks('交通银行青海省分行与中信银行石家庄分行、交通银行大连分行');
    expect(r.banks).toEqual(['中信银行', '交通银行']);
    expect(r.branches).toEqual([
      { bank: '中信银行', branch: '中信银行石家庄分行', province: '河北' },
      { bank: '交通银行', branch: '交通银行大连分行', province: '辽宁' },
      { bank: '交通银行', branch: '交通银行青海省分行', province: '青海' },
    ]);
  });

  it('normalises the bank part of a branch name and skips the company suffix', () => {
    expect(findBanks('中国农业银行股份有限公司北京市分行').branches).toEqual([{ bank: '农业银行', branch: '农业银行北京市分行', province: '北京' }]);
    expect(findBanks('交行上海分行').branches).toEqual([{ bank: '交通银行', branch: '交通银行上海分行', province: '上海' }]);
  });

  it('finds sub-branches under a known place', () => {
    expect(findBanks('工商银行北京朝阳支行').branches).toEqual([{ bank: '工商银行', branch: '工商银行北京朝阳支行', province: '北京' }]);
  });

  it('does not invent branches from ordinary words', () => {
    expect(findBanks('交通银行引导各区域分行积极对接。').branches).toEqual([]);
    expect(findBanks('交通银行在多家分行设立科技支行。').branches).toEqual([]);
  });
});

describe('bankNameSpans', () => {
  it('gives the offsets of bank names, the central bank included, but not of branches', () => {
    expect(bankNameSpans('北京银行上海分行与人民银行')).toEqual([
      [0, 4],
      [9, 13],
    ]);
  });

  it('gives offsets valid in the text as written, and none for the traps', () => {
    expect(bankNameSpans('他說：北京銀行')).toEqual([[3, 7]]);
    expect(bankNameSpans('上海银行间同业拆放利率')).toEqual([]);
  });
});

describe('bankDictionary', () => {
  it('lists each canonical name once with its kind and aliases', () => {
    const dict = bankDictionary();
    const names = dict.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    const jiaotong = dict.find((b) => b.name === '交通银行');
    expect(jiaotong?.kind).toBe('state');
    expect(jiaotong?.aliases).toContain('交行');
    expect(dict.find((b) => b.name === '建设银行')?.aliases).toContain('CCB');
    expect(dict.find((b) => b.name === '中国人民银行')?.kind).toBe('central');
  });

  it('returns a copy', () => {
    bankDictionary()[0]?.aliases.push('x');
    expect(bankDictionary()[0]?.aliases).not.toContain('x');
  });
});
