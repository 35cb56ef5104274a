// A row of choices of which one is on (the batch's heat map, the run's approvals): one look, and the
// keys of a native radio group (arrows move the choice; Tab enters at the chosen one).
import { radioKeys } from './radio-keys';
import { cls } from './controls';

export interface SegmentedRadioProps<T extends string> {
  values: readonly T[];
  value: T;
  onChange(value: T): void;
  labels: Record<T, string>;
  /** Tooltips, when a label needs more words. */
  titles?: Record<T, string>;
  /** The id of the element that names the group. */
  labelledBy: string;
  /** The group's test id; each choice's is `${testId}-${value}` unless `choiceTestId` is given. */
  testId: string;
  choiceTestId?: string;
  /** Spans its field, its choices alike in width. */
  wide?: boolean;
}

export function SegmentedRadio<T extends string>({ values, value, onChange, labels, titles, labelledBy, testId, choiceTestId = testId, wide }: SegmentedRadioProps<T>) {
  return (
    <div className={cls('segmented', wide && 'is-wide')} role="radiogroup" aria-labelledby={labelledBy} data-testid={testId} data-value={value} onKeyDown={radioKeys(values, value, onChange)}>
      {values.map((choice) => (
        <button
          key={choice}
          type="button"
          role="radio"
          aria-checked={value === choice}
          tabIndex={value === choice ? 0 : -1}
          data-value={choice}
          className={cls('segment', value === choice && 'is-active')}
          title={titles?.[choice]}
          data-testid={`${choiceTestId}-${choice}`}
          onClick={() => onChange(choice)}
        >
          {labels[choice]}
        </button>
      ))}
    </div>
  );
}
