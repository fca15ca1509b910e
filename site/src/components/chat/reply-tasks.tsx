import { useEffect, useState } from "react";
import { api, ApiError } from "../lib/api.ts";
import type { Task } from "../lib/types.ts";
import { TaskCard } from "../tasks/task-card.tsx";

interface Props {
  tasks: Task[];
  zone: string;
  /** Bumped when something may have changed a task: the cards reload, so their actions stay true. */
  version: number;
  onChanged: () => void;
}

/** The tasks one reply listed, as cards kept current (a deleted one disappears). */
export function ReplyTasks({ tasks: listed, zone, version, onChanged }: Props) {
  const [tasks, setTasks] = useState(listed);
  useEffect(() => {
    if (version === 0) return;
    let current = true;
    const reload = (task: Task) => api<Task>("GET", `/api/tasks/${task.id}`).catch((error) => (error instanceof ApiError && error.status === 404 ? null : task));
    Promise.all(listed.map(reload)).then((fresh) => current && setTasks(fresh.filter((t): t is Task => t !== null)));
    return () => {
      current = false;
    };
  }, [version]);

  if (tasks.length === 0) return null;
  return (
    <ul className="task-list in-chat" aria-label="Tasks in this reply">
      {tasks.map((task) => (
        <li key={task.id}>
          <TaskCard task={task} zone={zone} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}
