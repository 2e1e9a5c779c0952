import { describe, expect, it } from 'vitest';
import { canonSyllable, fold, foldByNormalizing, hasDiacritics, nfc, phraseReader } from '../src/text/normalize.js';
import { entityTerms, isStopword, onlySpaces, terms, termSet, termsHeld, tokens } from '../src/text/tokenize.js';
import { docKeyOfNumber, findDates, findDocRefs } from '../src/text/docrefs.js';
import { sentenceSpans } from '../src/text/sentences.js';
import { analyzeQuery } from '../src/retrieve/query.js';
import { figuresIn } from '../src/answer/constraints.js';
import { abbreviationGroups, definedAbbreviations } from '../src/text/abbreviations.js';

describe('normalisation', () => {
  it('accepts NFD input as NFC', () => {
    const nfd = 'Tỷ trọng kinh tế số'.normalize('NFD');
    expect(nfc(nfd)).toBe('Tỷ trọng kinh tế số');
    expect(tokens(nfd).map((t) => t.text)).toEqual(['tỉ', 'trọng', 'kinh', 'tế', 'số']);
  });

  it('folds accents and đ', () => {
    expect(fold('Đổi mới sáng tạo')).toBe('Doi moi sang tao');
    expect(hasDiacritics('ty trong kinh te so')).toBe(false);
    expect(hasDiacritics('tỷ trọng')).toBe(true);
  });

  it('reads a phrase held to its accents where the text is typed with them', () => {
    const asksIssue = phraseReader(['ban hành', 'ký', 'thông qua']);
    expect(asksIssue('Nghị quyết 57 ký ngày nào?')).toBe(true);
    expect(asksIssue('Nghị quyết 57 kí ngày nào?')).toBe(true);
    expect(asksIssue('nghi quyet 57 ky ngay nao')).toBe(true);
    expect(asksIssue('Kỳ họp đó khai mạc ngày nào?')).toBe(false);
    expect(asksIssue('Kế hoạch được BAN HÀNH khi nào?')).toBe(true);
    expect(asksIssue('Kế hoạch về bàn hành lang kinh tế')).toBe(false);
    expect(asksIssue('Nghị quyết được thông qua ngày nào?')).toBe(true);
    expect(asksIssue('thông tin qua mạng')).toBe(false);
  });

  it('reads the figures of things a question states, not labels, times, articles or figures offered to choose from', () => {
    expect(figuresIn('Vì sao phải hình thành đủ 5 sàn giao dịch dữ liệu trong năm 2025?')).toEqual([{ written: '5 sàn giao dịch dữ liệu', forms: [' 5 ', ' nam san '], counted: 'san giao' }]);
    expect(figuresIn('7 nhiệm vụ còn đang thực hiện đó khi nào xong?').map((f) => f.written)).toEqual(['7 nhiệm vụ']);
    expect(figuresIn('Danh sách 114 CSDL đó gồm những gì?').map((f) => f.written)).toEqual(['114 CSDL']);
    expect(figuresIn('Trong 22 cơ sở y tế của tỉnh, có những bệnh viện nào?').map((f) => f.written)).toEqual(['22 cơ sở y tế']);
    expect(figuresIn('Điều 5 quy định gì? Phiên họp thứ 2 ngày 20/1/2025, nhiệm vụ 42, Nghị quyết 57-NQ/TW')).toEqual([]);
    expect(figuresIn('trong 5 năm tới, 1 chứng chỉ, 11 hay 12 người?')).toEqual([]);
    expect(figuresIn('Kinh tế số đạt 40% GDP, đúng không?')).toEqual([]);
  });

  it('meets spelling variants: tone placement and final i/y', () => {
    expect(canonSyllable('hoá')).toBe(canonSyllable('hóa'));
    expect(canonSyllable('thuỷ')).toBe(canonSyllable('thủy'));
    expect(canonSyllable('nghành')).toBe('ngành');
    expect(canonSyllable('nghiên')).toBe('nghiên');
    expect(canonSyllable('ghế')).toBe('ghế');
    expect(canonSyllable('tỷ')).toBe(canonSyllable('tỉ'));
    expect(canonSyllable('quý')).toBe(canonSyllable('quí'));
    expect(canonSyllable('y')).toBe('y');
  });
});

describe('fast folding', () => {
  it('folds every character, alone and between others, as Unicode normalisation does', () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `a${c}`, `${c}\u0301`, `Đ${c}x`, `${c}\u0323\u0302`, `ệ${c}ư`]) if (fold(text) !== foldByNormalizing(text)) differ.push(text);
    }
    expect(differ).toEqual([]);
  });

  it('folds Vietnamese text written precomposed or with combining accents', () => {
    const text = 'Điều 5. Quyền và nghĩa vụ của bên cầm cố – “tài sản” … 30% × 2; Thừa Thiên Huế, Đắk Lắk, Khánh Hòa/Hoà';
    for (const t of [text, text.normalize('NFD'), text.toUpperCase(), `${text} 漢字 😀`]) expect(fold(t)).toBe(foldByNormalizing(t));
    expect(fold('Tỷ trọng kinh tế số')).toBe('Ty trong kinh te so');
  });
});

describe('tokens and terms', () => {
  it('termSet holds the terms of one field, entity terms only when asked', () => {
    const text = 'Theo Nghị quyết 57-NQ/TW ngày 22/12/2024, tỷ lệ đạt 30% kinh tế số';
    for (const field of ['accented', 'folded'] as const) {
      expect(termSet(text, field, true)).toEqual(new Set(terms(text)[field]));
      expect(termSet(text, field, false)).toEqual(new Set(terms(text)[field].filter((t) => !t.startsWith('#'))));
    }
  });

  it('onlySpaces tests what /^\\s+$/ tests, for every BMP character', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const gap = `x${String.fromCharCode(code)} y`;
      if (onlySpaces(gap, 1, 2) !== /^\s+$/.test(gap.slice(1, 2)) || onlySpaces(gap, 1, 3) !== /^\s+$/.test(gap.slice(1, 3))) differ.push(code);
    }
    expect(differ).toEqual([]);
    expect(onlySpaces('a b', 1, 1)).toBe(false);
  });

  it('termsHeld finds the wanted terms a text holds, as termSet does', () => {
    const texts = ['Theo Nghị quyết 57-NQ/TW ngày 22/12/2024, tỷ lệ đạt 30% kinh tế số', 'Điều 5.  Quyền\tvà nghĩa vụ; bên cầm cố (tài sản)', 'HOÁ ĐƠN thuỷ lợi — 1.000,5 tỉ đồng', ''];
    for (const text of texts) {
      for (const field of ['accented', 'folded'] as const) {
        const all = termSet(text, field, true);
        const wanted = new Set([...[...all].filter((_, i) => i % 2 === 0), 'không_có', '#nq:1', 'phần_trăm', 'phan_tram']);
        expect(termsHeld(text, field, wanted, true)).toEqual(new Set([...all].filter((t) => wanted.has(t))));
        expect(termsHeld(text, field, wanted, false)).toEqual(new Set([...termSet(text, field, false)].filter((t) => wanted.has(t))));
      }
    }
  });

  it('gives syllables, bigrams and both spellings', () => {
    const t = terms('Kinh tế số đạt 30% GRDP');
    expect(t.accented).toContain('kinh_tế');
    expect(t.accented).toContain('30%');
    expect(t.folded).toContain('kinh_te');
    expect(t.folded).toContain('dat');
  });

  it('does not join bigrams across punctuation', () => {
    expect(terms('khoa học, công nghệ').accented).not.toContain('học_công');
  });

  it('reads a percentage as the words a question asks it with', () => {
    expect(terms('Tỷ trọng kinh tế số đạt 30%').accented).toEqual(expect.arrayContaining(['phần', 'trăm', 'phần_trăm']));
    expect(terms('ty trong kinh te so dat 30%').folded).toContain('phan_tram');
    expect(terms('Tỷ trọng kinh tế số đạt ba mươi').accented).not.toContain('phần_trăm');
  });

  it('tells function words from topic words by their accents', () => {
    for (const word of ['có', 'của', 'đó', 'đang', 'từ', 'để', 'những']) expect(isStopword(word)).toBe(true);
    // Folded, these are "co", "dang", "tu", "de", "trong": stopwords only in a question typed without accents.
    for (const word of ['cơ', 'Đảng', 'tư', 'đề', 'trọng', 'hội', 'chứng']) expect(isStopword(word)).toBe(false);
    for (const word of ['co', 'dang', 'tu', 'de']) expect(isStopword(word)).toBe(true);
  });

  it('keeps decimal commas in numbers', () => {
    expect(tokens('đạt 96,2% dịch vụ').map((t) => t.text)).toContain('96,2%');
  });
});

describe('document numbers and dates', () => {
  it('names one resolution however it is written', () => {
    const key = docKeyOfNumber('57-NQ/TW');
    expect(key).toBe('nq:57');
    expect(findDocRefs('theo Nghị quyết số 57 của Bộ Chính trị').map((r) => r.key)).toEqual(['nq:57']);
    expect(findDocRefs('NQ 57').map((r) => r.key)).toEqual(['nq:57']);
    expect(findDocRefs('nghi quyet so 57').map((r) => r.key)).toEqual(['nq:57']);
  });

  it('reads a submission ("tờ trình") as a document, and leaves the issuers inside its number as they are', async () => {
    expect(findDocRefs('tại Tờ trình số 04/TTr-BKHCN-BTTTT ngày 02 tháng 01 năm 2025')[0]).toMatchObject({ key: 'ttr:4', full: '4/ttr-bkhcn-btttt' });
    expect(findDocRefs('tờ trình 5')[0]?.key).toBe('ttr:5');
    // A length of time is no document's number; a date, a year or a question after the number keeps it one.
    expect(findDocRefs('các bộ phải gửi báo cáo 6 tháng về kết quả')).toEqual([]);
    expect(findDocRefs('xây dựng kế hoạch 5 năm về chuyển đổi số')).toEqual([]);
    expect(findDocRefs('Kế hoạch 138 năm 2025').map((r) => r.key)).toEqual(['kh:138']);
    expect(findDocRefs('Kế hoạch 138 ngày 21/5/2025').map((r) => r.key)).toEqual(['kh:138']);
    expect(findDocRefs('NQ 57 năm nào ban hành?').map((r) => r.key)).toEqual(['nq:57']);
    expect(findDocRefs('Nghị quyết 57 quy định mức phụ cấp').map((r) => r.key)).toEqual(['nq:57']);
    const { expandAgencies } = await import('../src/retrieve/query.js');
    expect(expandAgencies('Tờ trình số 05/TTr-BKHCN-BTTTT của Bộ KH&CN').text).toBe('Tờ trình số 05/TTr-BKHCN-BTTTT của Bộ Khoa học và Công nghệ');
  });

  it('reads plan and programme numbers with their issuers', () => {
    expect(findDocRefs('Kế hoạch số 138/KH-UBND ngày 21/5/2025')[0]).toMatchObject({ key: 'kh:138', full: '138/kh-ubnd' });
    expect(findDocRefs('KH 138')[0]?.key).toBe('kh:138');
    expect(docKeyOfNumber('46-CTr/TU')).toBe('ctr:46');
    expect(docKeyOfNumber('03/NQ-CP')).toBe('nq:3');
    expect(docKeyOfNumber('3260-KH/ĐĐQH15')).toBe('kh:3260');
    // Decrees and circulars carry the year inside the number: it is not the number.
    expect(findDocRefs('Nghị định 13/2023/NĐ-CP')[0]).toMatchObject({ key: 'nd:13', full: '13/2023/nd-cp' });
    expect(docKeyOfNumber('15/2025/TT-BKHCN')).toBe('tt:15');
  });

  it('normalises dates', () => {
    expect(findDates('ngày 15/01/2025').find((d) => d.kind === 'day')?.key).toBe('15/1/2025');
    expect(findDates('ngày 15 tháng 1 năm 2025').find((d) => d.kind === 'day')?.key).toBe('15/1/2025');
    expect(findDates('hoàn thành 6/2025').find((d) => d.kind === 'month')?.key).toBe('6/2025');
    expect(entityTerms('15/01/2025')).toEqual(entityTerms('15/1/2025'));
  });

  it('does not take a ratio or a percentage for a document', () => {
    expect(findDocRefs('đã hoàn thành 33/71 nhiệm vụ, đạt 30%')).toEqual([]);
  });
});

describe('sentences', () => {
  it('splits at sentence ends but not after abbreviations, in numbers or after heading numbers', () => {
    const text = 'TP. Hạ Long đạt 1.000 tỷ. Tỉnh đặt mục tiêu 96,2%. 1. Mục tiêu chung';
    const spans = sentenceSpans(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['TP. Hạ Long đạt 1.000 tỷ.', 'Tỉnh đặt mục tiêu 96,2%.', '1. Mục tiêu chung']);
  });

  it('keeps a Markdown heading with its number whole', () => {
    const text = '## I. Kết luận 69-KL/TW của Bộ Chính trị\n### 2. Đánh giá sau 10 năm';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['## I. Kết luận 69-KL/TW của Bộ Chính trị', '### 2. Đánh giá sau 10 năm']);
  });

  it('treats a line break as a boundary', () => {
    const text = 'Dòng một\nDòng hai';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['Dòng một', 'Dòng hai']);
  });
});

describe('question analysis', () => {
  it('searches the folded field for questions typed without accents', () => {
    expect(analyzeQuery('ty trong kinh te so dat bao nhieu').field).toBe('folded');
    expect(analyzeQuery('Tỷ trọng kinh tế số đạt bao nhiêu?').field).toBe('accented');
  });

  it('recognises the kind of question', () => {
    expect(analyzeQuery('Cơ quan nào chủ trì nhiệm vụ này?').intent).toBe('responsibility');
    // "Ai có thể …?" asks which people qualify, unless it names a duty.
    expect(analyzeQuery('Ai có thể đăng ký học vượt?').intent).toBe('general');
    expect(analyzeQuery('Ai được miễn học phần ngoại ngữ?').intent).toBe('general');
    expect(analyzeQuery('Ai có thể chủ trì nhiệm vụ này?').intent).toBe('responsibility');
    expect(analyzeQuery('Ai là Trưởng ban Chỉ đạo?').intent).toBe('responsibility');
    expect(analyzeQuery('Thời hạn hoàn thành là khi nào?').intent).toBe('deadline');
    expect(analyzeQuery('Chỉ tiêu kinh tế số đến năm 2030 là bao nhiêu?').intent).toBe('target');
    expect(analyzeQuery('Những nhiệm vụ nào do Bộ Nội vụ chủ trì?').wantsList).toBe(true);
    expect(analyzeQuery('Các chỉ tiêu đến năm 2045 của Nghị quyết 03?').wantsList).toBe(true);
    expect(analyzeQuery('Các cơ quan phối hợp thực hiện nhiệm vụ này').wantsList).toBe(true);
  });

  it('weighs a pair of topic words above one word, and a pair with a function word below it', () => {
    const { terms } = analyzeQuery('Ai là tác giả của Truyện Kiều?');
    expect(terms.get('tác_giả')).toBeGreaterThan(terms.get('tác')!);
    expect(terms.get('giả_của')).toBeLessThan(terms.get('tác')!);
    expect(terms.get('giả_của')).toBeGreaterThanOrEqual(0.5);
    expect(terms.get('ai_là')).toBeLessThan(0.5);
  });
});

describe('synonyms', () => {
  it('lets a passage word stand for the question word that means the same, in either spelling', () => {
    const accented = analyzeQuery('Quảng Ninh đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP?');
    expect(accented.synonyms.get('mục_tiêu')).toContainEqual(['chỉ', 'chỉ_tiêu']);
    expect(accented.synonyms.get('chiếm')).toEqual([['đạt']]);
    // Searched, weakly: below the weight that makes a term part of the question's topic.
    expect(accented.terms.get('chỉ_tiêu')).toBeLessThan(0.5);
    // "tiêu" is in both "mục tiêu" and "chỉ tiêu": "chỉ" does not stand for it.
    expect((accented.synonyms.get('tiêu') ?? []).flat()).not.toContain('chỉ');
    const folded = analyzeQuery('quang ninh dat muc tieu kinh te so chiem bao nhieu phan tram');
    expect(folded.synonyms.get('muc_tieu')).toContainEqual(['chi', 'chi_tieu']);
    // An agency named in full stands for its abbreviation only where all of that is written ("Ủy ban KH,CN&MT").
    const agency = analyzeQuery('Ủy ban Khoa học, Công nghệ và Môi trường có nhiệm vụ gì?');
    expect(agency.synonyms.get('môi_trường')).toContainEqual(['kh', 'cn', 'mt', 'ban_kh']);
    expect(analyzeQuery('Ai chủ trì nhiệm vụ này?').synonyms.size).toBe(0);
    // How people ask maps to how rules are written, one way: a fee is not a tuition.
    expect(analyzeQuery('Lấy bảng điểm có tốn tiền không?').synonyms.get('tốn_tiền')).toContainEqual(['lệ', 'phí', 'lệ_phí']);
    expect([...analyzeQuery('Lệ phí cấp bảng điểm là bao nhiêu?').synonyms.values()].flat(2)).not.toContain('học_phí');
    expect(analyzeQuery('Cán bộ được học cùng lúc 2 chương trình không?').synonyms.get('2')).toContainEqual(['hai']);
    expect(analyzeQuery('Có hai khối kiến thức nào?').synonyms.get('hai')).toContainEqual(['2']);
    expect(analyzeQuery('Vai trò của Tổ công nghệ số cộng đồng?').synonyms.get('vai_trò')).toContainEqual(['nhiệm', 'vụ', 'nhiệm_vụ']);
    expect(analyzeQuery('Quyền lợi của cán bộ được cử đi học?').synonyms.get('quyền_lợi')).toContainEqual(['được', 'hưởng', 'được_hưởng']);
  });

  it('reads the abbreviations a text defines, and lets either an abbreviation or what it stands for find the other', () => {
    expect(definedAbbreviations('Điểm trung bình học kỳ (ĐTBHK) là điểm trung bình có trọng số.')).toEqual([['ĐTBHK', 'Điểm trung bình học kỳ']]);
    // Two letters of a syllable ("KH" of "khoa học"); the words before the expansion are not part of it.
    expect(definedAbbreviations('phát triển khoa học, công nghệ, đổi mới sáng tạo (KH,CN,ĐMST) và chuyển đổi số')).toEqual([
      ['KH,CN,ĐMST', 'khoa học công nghệ đổi mới sáng tạo'],
    ]);
    expect(definedAbbreviations('khoa học, công nghệ, đổi mới sáng tạo (KH,CN, ĐMST) và chuyển đổi số')).toEqual([
      ['KH,CN, ĐMST', 'khoa học công nghệ đổi mới sáng tạo'],
    ]);
    // Initials that do not spell the words before it define nothing.
    expect(definedAbbreviations('Chỉ số chuyển đổi số (DTI) của tỉnh')).toEqual([]);
    const groups = abbreviationGroups(['Trung tâm phục vụ hành chính công (TTPVHCC) tiếp nhận hồ sơ.']);
    expect(analyzeQuery('TTPVHCC mở cửa khi nào?', groups).synonyms.get('ttpvhcc')).toContainEqual(expect.arrayContaining(['trung_tâm', 'hành_chính']));
    expect(analyzeQuery('Trung tâm phục vụ hành chính công mở cửa khi nào?', groups).synonyms.get('hành_chính')).toContainEqual(['ttpvhcc']);
    // The common ones need no definition.
    expect(analyzeQuery('Nghị quyết về KH,CN, ĐMST', groups).synonyms.get('đmst')).toContainEqual(expect.arrayContaining(['đổi_mới', 'sáng_tạo']));
  });
});
