/** The answerable questions of a SurveyJS definition, flattened from pages and panels. */
export interface QuestionSpec {
  name: string;
  type: string;
  kind: 'single' | 'multi' | 'boolean' | 'number' | 'rating' | 'text' | 'none';
  /** Choice values (for rating: the allowed values). */
  choices: string[];
  maxSelected?: number;
  min?: number;
  max?: number;
}

type El = Record<string, any>;

function kindOf(el: El): QuestionSpec['kind'] {
  switch (el.type) {
    case 'radiogroup':
    case 'dropdown':
      return 'single';
    case 'checkbox':
    case 'tagbox':
      return 'multi';
    case 'boolean':
      return 'boolean';
    case 'rating':
      return 'rating';
    case 'text':
      return el.inputType === 'number' || el.inputType === 'range' ? 'number' : 'text';
    case 'comment':
      return 'text';
    default:
      return 'none';
  }
}

export function walkQuestions(definition: unknown): QuestionSpec[] {
  const out: QuestionSpec[] = [];
  const visit = (elements: El[] | undefined) => {
    for (const el of elements ?? []) {
      if (el.type === 'panel') {
        visit(el.elements);
        continue;
      }
      const kind = kindOf(el);
      if (kind === 'none') continue;
      let choices: string[] = (el.choices ?? []).map((c: unknown) => String(typeof c === 'object' && c ? (c as El).value : c));
      if (kind === 'rating') {
        const min = el.rateMin ?? 1;
        const max = el.rateMax ?? 5;
        choices = [];
        for (let v = min; v <= max; v += el.rateStep ?? 1) choices.push(String(v));
      }
      out.push({ name: el.name, type: el.type, kind, choices, maxSelected: el.maxSelectedChoices, min: el.min, max: el.max });
    }
  };
  for (const page of (definition as El)?.pages ?? []) visit(page.elements);
  visit((definition as El)?.elements);
  return out;
}
