/**
 * A QuestionForm (HIT question or qualification test) as answer slots: each Question's AnswerSpecification becomes a
 * choice slot (selections within MinSelectionCount..MaxSelectionCount) or a text / number slot (Length, IsNumeric,
 * AnswerFormatRegex). Answers are QuestionFormAnswers fields, one per question.
 */
import type { AnswerField } from '../../../shared/mturk/answers';
import { parseMTurkXml } from '../formats/question';
import { attribute, children, childText, firstChild, type XmlElement } from '../formats/xml-document';
import type { Slot, SlotValue } from './answer-values';

export interface FormSlot {
  readonly slot: Slot;
  /** A selection question whose only choice is its "other" box answers with OtherSelectionText. */
  readonly otherOnly: boolean;
}

const integerAttribute = (element: XmlElement, name: string): number | undefined => {
  const raw = attribute(element, name);
  return raw === undefined ? undefined : Number(raw);
};

function freeTextSlot(name: string, free: XmlElement): Slot {
  const constraints = firstChild(free, 'Constraints');
  if (constraints === undefined) return { kind: 'text', name, patterns: [] };
  const numeric = firstChild(constraints, 'IsNumeric');
  if (numeric !== undefined) {
    const min = integerAttribute(numeric, 'minValue');
    const max = integerAttribute(numeric, 'maxValue');
    return { kind: 'number', name, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  }
  const length = firstChild(constraints, 'Length');
  const minLength = length === undefined ? undefined : integerAttribute(length, 'minLength');
  const maxLength = length === undefined ? undefined : integerAttribute(length, 'maxLength');
  const patterns = children(constraints, 'AnswerFormatRegex').map((regex) => {
    const flags = attribute(regex, 'flags');
    return { regex: attribute(regex, 'regex') ?? '', ...(flags === undefined ? {} : { flags }) };
  });
  return {
    kind: 'text',
    name,
    patterns,
    ...(minLength === undefined ? {} : { minLength }),
    ...(maxLength === undefined ? {} : { maxLength }),
  };
}

function selectionSlot(name: string, selection: XmlElement): FormSlot {
  const selections = firstChild(selection, 'Selections');
  const options = children(selections ?? {}, 'Selection').map((s) => childText(s, 'SelectionIdentifier') ?? '');
  if (options.length === 0) return { slot: { kind: 'text', name, patterns: [] }, otherOnly: true };
  const count = (tag: string): number => {
    const raw = childText(selection, tag);
    return raw === undefined ? 1 : Number(raw);
  };
  return { slot: { kind: 'choice', name, options, min: count('MinSelectionCount'), max: count('MaxSelectionCount') }, otherOnly: false };
}

/** The slots of a QuestionForm, in document order. */
export function questionFormSlots(xml: string): FormSlot[] {
  const document = parseMTurkXml(xml);
  return children(document.root, 'Question').map((question) => {
    const name = childText(question, 'QuestionIdentifier') ?? '';
    const spec = firstChild(question, 'AnswerSpecification') ?? {};
    const selection = firstChild(spec, 'SelectionAnswer');
    if (selection !== undefined) return selectionSlot(name, selection);
    return { slot: freeTextSlot(name, firstChild(spec, 'FreeTextAnswer') ?? {}), otherOnly: false };
  });
}

export function formAnswerField(formSlot: FormSlot, value: SlotValue): AnswerField {
  const questionIdentifier = formSlot.slot.name;
  if (typeof value !== 'string') return { questionIdentifier, selectionIdentifiers: [...value] };
  return formSlot.otherOnly ? { questionIdentifier, otherSelectionText: value } : { questionIdentifier, freeText: value };
}
