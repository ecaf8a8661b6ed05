/**
 * Emoji valence for customer care (our own list). 😂 is deliberately mild: it laughs with and at.
 * Sarcasm markers (🙃 🙄) carry little valence themselves; the sarcasm rule uses them.
 */
export const EMOJI_VALENCE: Record<string, number> = {
  '😀': 2, '😃': 2, '😄': 2, '😁': 2, '😊': 2, '🙂': 1, '😍': 3, '🥰': 3, '😘': 2, '🤩': 3, '😎': 1,
  '❤': 3, '💕': 3, '💖': 3, '💯': 2, '👍': 2, '👏': 2, '🙌': 2, '🎉': 2, '🥳': 2, '✨': 1, '⭐': 1, '🌟': 2,
  '🙏': 1, '💪': 1, '👌': 2, '☀': 1, '🔥': 1, '😂': 1, '🤣': 1,
  '😡': -3, '🤬': -4, '😠': -3, '😤': -2, '👎': -2, '💔': -3, '😢': -2, '😭': -2, '😞': -2, '😩': -2,
  '😫': -2, '😒': -2, '🙄': -1, '🙃': -1, '🤮': -3, '🤢': -2, '💩': -3, '😖': -2, '😣': -2, '😓': -1,
  '😰': -2, '😱': -2, '🤦': -2, '😑': -1, '😐': -1, '😕': -1, '🙁': -1, '☹': -2, '⚠': -1,
};

/** Emoji that mean "I don't mean the nice words". */
export const SARCASM_EMOJI = new Set(['🙃', '🙄']);
