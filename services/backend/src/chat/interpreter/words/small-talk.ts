// What is left of "good morning", "happy friday" or "maybe tomorrow" once the date is gone, or
// "hmm" as the answer to "what should the task be called?", is small talk, not a task.
const SMALL_TALK = new Set([
  "good", "great", "happy", "nice", "lovely", "ok", "okay", "then", "not", "maybe", "perhaps", "lol", "haha", "thanks", "thank", "see", "you",
  "sounds", "works", "bye", "hi", "hello", "hey", "yes", "no", "sure", "cool", "fine", "busy", "day", "night", "morning", "evening", "afternoon",
  "again", "too", "so", "very", "a", "an", "the", "all", "and", "or", "same", "later", "soon", "until", "till", "yay", "ugh", "wow", "oh",
  "hmm", "hm", "um", "uh", "idk", "dunno", "whatever", "something",
]);

/** False for a would-be title that is only small talk ("good", "maybe", "hmm"). */
export function readsLikeATask(title: string): boolean {
  return title.toLowerCase().split(/[^\p{L}\p{N}']+/u).some((word) => word && !SMALL_TALK.has(word));
}
