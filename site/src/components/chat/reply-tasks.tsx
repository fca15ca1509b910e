import { useEffect, useState } from "react";
import { api, ApiError } from "../lib/api.ts";
import type { Task } from "../lib/types.ts";
import { TaskRow, type RowActions } from "../tasks/task-row.tsx";

interface Props {
  tasks: Task[];
  zone: string;
  /** Bumped when something may have changed a task: the cards reload, so their actions stay true. */
  version: number;
  now: Date;
  actions: RowActions;
}

/** The tasks one reply listed, as compact rows kept current (a deleted one disappears). */
export function ReplyTasks({ tasks: listed, zone, version, now, actions }: Props) {
  const [tasks, setTasks] = useState(listed);
  useEffect(() => {
    if (version === 0) return;
    let current = true;
    const reload = (task: Task) =>
      api<Task>("GET", `/api/tasks/${task.id}`).catch((error) =>
        error instanceof ApiError && error.status === 404 ? null : task,
      );
    Promise.all(listed.map(reload)).then(
      (fresh) => current && setTasks(fresh.filter((t): t is Task => t !== null)),
    );
    return () => {
      current = false;
    };
  }, [version]);

  if (tasks.length === 0) return null;
  return (
    <ul className="task-list compact in-chat" aria-label="Tasks in this reply">
      {tasks.map((task) => (
        <li key={task.id}>
          <TaskRow task={task} zone={zone} now={now} actions={actions} compact />
        </li>
      ))}
    </ul>
  );
}
