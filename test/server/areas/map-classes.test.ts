import { describe, expect, it } from 'vitest';
import { classOf, gapClasses, quantileClasses } from '../../../server/areas/map-classes.js';

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

describe('quantileClasses', () => {
  const pc = (v: number) => `${(v * 100).toFixed(0)}%`;

  it('cuts ten values into five classes of two, lightest lowest, bounds written by the format', () => {
    const values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    const classes = quantileClasses(values, pc);
    expect(classes.map((c) => c.label)).toEqual(['10% to under 30%', '30% to under 50%', '50% to under 70%', '70% to under 90%', '90% to 100%']);
    expect(classes.map((c) => c.colour)).toEqual(['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']);
    expect(values.map((v) => classes.findIndex((c) => c.contains(v)))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(classOf(classes, 0.05)?.label).toBe('10% to under 30%');
    expect(classOf(classes, 2)?.label).toBe('90% to 100%');
  });

  it('gives fewer classes when values repeat, spread from light to dark, and ignores missing values', () => {
    const classes = quantileClasses([0.2, 0.2, 0.2, 0.2, 0.5, null], pc);
    expect(classes.map((c) => [c.label, c.colour])).toEqual([
      ['20% to under 50%', '#eff3ff'],
      ['50%', '#08519c'],
    ]);
    expect(quantileClasses([0.3, 0.3], pc).map((c) => c.label)).toEqual(['30%']);
    expect(quantileClasses([null], pc)).toEqual([]);
  });
});
