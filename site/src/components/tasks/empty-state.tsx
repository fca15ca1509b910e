// What an empty list says: how to clear the filters that hide everything, or examples to try.

const EXAMPLES = [
  "Add a high-priority task: prepare slides, tags: work",
  "Every Monday at 9 AM add a standup task",
  "remind me in 2 hours to stretch",
];

export function EmptyState(props: {
  filtered: boolean;
  onClear: () => void;
  onTryExample: (text: string) => void;
}) {
  if (props.filtered)
    return (
      <div className="empty">
        <p>No tasks match these filters.</p>
        <button type="button" onClick={props.onClear}>
          Clear filters
        </button>
      </div>
    );
  return (
    <div className="empty">
      <p>Nothing to do. Tell the assistant, for example:</p>
      <ul>
        {EXAMPLES.map((text) => (
          <li key={text}>
            <button type="button" className="link" onClick={() => props.onTryExample(text)}>
              “{text}”
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
