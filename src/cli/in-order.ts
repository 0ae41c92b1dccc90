/**
 * Reports of a batch, printed in input order although workers finish in any
 * order. Two files may claim one output (the same reference and date): the
 * earlier in input order keeps it, whichever finished first. A report
 * printed as soon as its file finished could say `built` for a file that an
 * earlier one then displaced; one printed in input order is final when
 * printed, because every earlier file has finished by then.
 */
export function inInputOrder<T>(print: (item: T, index: number) => void): (index: number, item: T) => void {
  const finished: T[] = [];
  const done: boolean[] = [];
  let next = 0;
  return (index, item) => {
    finished[index] = item;
    done[index] = true;
    for (; done[next]; next++) print(finished[next]!, next);
  };
}
