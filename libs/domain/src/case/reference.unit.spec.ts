import {
  formatReference,
  isCaseReference,
  normaliseReferencePrefix,
  REFERENCE_ALPHABET,
  referenceCheckCharacter,
} from './reference';

describe('case references (SE-7K4Q-2M)', () => {
  it('the alphabet has 32 characters and none that people confuse (0, O, 1, I)', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(32);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(32);
    for (const c of '0O1I') expect(REFERENCE_ALPHABET).not.toContain(c);
  });

  it('formats country, four characters, a fifth and the check character', () => {
    const ref = formatReference('SE', '7K4Q2');
    expect(ref).toMatch(/^SE-7K4Q-2[2-9A-HJ-NP-Z]$/);
    expect(isCaseReference(ref)).toBe(true);
  });

  it('computes Luhn mod 32 over the alphabet (values worked out by hand)', () => {
    // 22222: every code 0, so the sum is 0 and the check is the alphabet's first character.
    // ZZZZZ: codes 31; doubled 62 = 1·32 + 30 → 31; from the right 31+31+31+31+31 = 155,
    // 155 mod 32 = 27, (32 − 27) mod 32 = 5 → '7'.
    expect(referenceCheckCharacter('22222')).toBe('2');
    expect(referenceCheckCharacter('ZZZZZ')).toBe('7');
    expect(referenceCheckCharacter('7K4Q2')).toBe('D');
    expect(referenceCheckCharacter('HJK23')).toBe('F');
    expect(formatReference('SE', '7K4Q2')).toBe('SE-7K4Q-2D');
  });

  it('the check character catches every single wrong character', () => {
    const random = '7K4Q2';
    const ref = formatReference('NO', random);
    for (let i = 0; i < random.length; i++) {
      for (const c of REFERENCE_ALPHABET) {
        if (c === random[i]) continue;
        const typo = random.slice(0, i) + c + random.slice(i + 1);
        expect(referenceCheckCharacter(typo)).not.toBe(ref.slice(-1));
      }
    }
  });

  it('the check character catches swapped neighbours', () => {
    const random = 'AB3XY';
    const check = referenceCheckCharacter(random);
    for (let i = 0; i < random.length - 1; i++) {
      const swapped = random.slice(0, i) + random[i + 1] + random[i] + random.slice(i + 2);
      if (swapped !== random) expect(referenceCheckCharacter(swapped)).not.toBe(check);
    }
  });

  it('refuses malformed references and a wrong check character', () => {
    const ref = formatReference('IS', 'HJK23');
    const wrong = ref.slice(0, -1) + (ref.endsWith('2') ? '3' : '2');
    for (const bad of [wrong, 'SE-7K4Q-2', 'se-7k4q-2m', 'SE-0K4Q-2M', 'SE7K4Q2M', 42]) {
      expect(isCaseReference(bad)).toBe(false);
    }
  });

  it('normalises what someone typed into a canonical prefix', () => {
    expect(normaliseReferencePrefix('se 7k4q-2m')).toBe('SE-7K4Q-2M');
    expect(normaliseReferencePrefix('SE7K')).toBe('SE-7K');
    expect(normaliseReferencePrefix('se7k4q')).toBe('SE-7K4Q-');
    expect(normaliseReferencePrefix('se')).toBe('SE-');
    expect(normaliseReferencePrefix('s')).toBe('S');
    expect(normaliseReferencePrefix('se7k4')).toBe('SE-7K4');
    expect(normaliseReferencePrefix('se-7k4q2')).toBe('SE-7K4Q-2');
    // Not a country first (a digit, or one letter then a digit), a character the alphabet
    // leaves out, or longer than a reference.
    for (const bad of ['', '7K4Q', 'S7', 'SE-0K', 'SE-I', 'SE-%', 'SE-7K4Q-2M-X', 'SE7K4Q2MX']) {
      expect(normaliseReferencePrefix(bad)).toBeUndefined();
    }
  });
});

describe('what is not a reference', () => {
  it('has no check character for a character outside the alphabet', () => {
    expect(() => referenceCheckCharacter('7K0Q2')).toThrow('Not a reference character');
  });

  it('is not formatted from a malformed country or another number of characters', () => {
    const message = 'A reference needs a country code and five characters';
    expect(() => formatReference('se', '7K4Q2')).toThrow(message);
    expect(() => formatReference('SWE', '7K4Q2')).toThrow(message);
    expect(() => formatReference('SE', '7K4Q')).toThrow(message);
    expect(() => formatReference('SE', '7K4Q22')).toThrow(message);
  });
});
