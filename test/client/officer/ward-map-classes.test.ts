import { describe, expect, it } from 'vitest';
import { classOf, gapClasses } from '../../../client/officer/components/ward-map-classes.js';

describe('gapClasses', () => {
  const classes = gapClasses(0.005);

  it('has five classes named in points, the two under-represented ones hatched', () => {
    expect(classes.map((c) => [c.label, c.hatched])).toEqual([
      ['Under by 2 points or more', true],
      ['Under by 0.5 to 2 points', true],
      ['In line (within 0.5 points)', false],
      ['Over by 0.5 to 2 points', false],
      ['Over by 2 points or more', false],
    ]);
  });

  it('puts each gap in exactly one class, the bounds as the table words them', () => {
    const at = (v: number) => classOf(classes, v)?.label;
    expect(at(-0.03)).toBe('Under by 2 points or more');
    expect(at(-0.02)).toBe('Under by 2 points or more');
    expect(at(-0.005)).toBe('Under by 0.5 to 2 points');
    expect(at(-0.004)).toBe('In line (within 0.5 points)');
    expect(at(0)).toBe('In line (within 0.5 points)');
    expect(at(0.005)).toBe('Over by 0.5 to 2 points');
    expect(at(0.02)).toBe('Over by 2 points or more');
    expect(classOf(classes, null)).toBeUndefined();
    for (let v = -0.05; v <= 0.05; v += 0.0005) expect(classes.filter((c) => c.contains(v))).toHaveLength(1);
  });
});
