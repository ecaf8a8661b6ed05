/**
 * Function words that carry no news in English, German, French and Spanish, plus social-media
 * filler. A trend made of "the" or "und" would only measure traffic, which the volume series
 * already does. Lists are lowercase, accents kept (the tokenizer lowercases but keeps accents).
 */
const EN = `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each few for from further get got had hadn't has hasn't have haven't having he he'd he'll he's her here
here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just
let's like me more most much mustn't my myself no nor not now of off on once only or other ought our ours
ourselves out over own really same shan't she she'd she'll she's should shouldn't so some still such than that
that's the their theirs them themselves then there there's these they they'd they'll they're they've this
those through to too under until up us very was wasn't we we'd we'll we're we've were weren't what what's when
when's where where's which while who who's whom why why's will with won't would wouldn't yes yet you you'd
you'll you're you've your yours yourself yourselves im dont cant ive youre thats`;

const DE = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf
aus bei beim bin bis bist da dabei damit dann das dass dein deine deinem deinen deiner dem den denn der des
dessen deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines
er es etwas euch euer eure für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen
ihr ihre ihrem ihren ihrer im in indem ins ist ja jede jedem jeden jeder jedes jetzt kann kein keine keinem
keinen keiner können könnte man manche mein meine meinem meinen meiner mich mir mit muss musste nach nicht
nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner seit sich sie sind so solche soll
sollte sondern sonst über um und uns unser unsere unter viel vom von vor war waren warst was weg weil weiter
welche welchem welchen welcher wenn wer werde werden wie wieder will wir wird wirst wo wollen wollte würde
würden zu zum zur zwar zwischen`;

const FR = `a ai aie aient aies ait alors as au aucun aussi autre aux avaient avais avait avant avec avez aviez avions
avoir avons ayant bon c ça car ce ceci cela celle celles celui ces cet cette ceux chaque comme comment d dans de
des donc dont du elle elles en encore es est et étaient étais était été être eu eux fait faire fois font hors
ici il ils j je juste l la le les leur leurs lui m ma mais me même mes moi mon n ne ni nos notre nous on ont ou
où par parce pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels qui s sa sans se sera ses
seulement si son sont sous suis sur t ta te tes toi ton tous tout toute toutes très tu un une vos votre vous
y`;

const ES = `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el él ella
ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta está estaba estado están estar
estas este esto estos estoy fue fueron fui ha habéis haber había han has hasta hay he la las le les lo los más
me mi mí mis mucho muy nada ni no nos nosotros o os otra otro otros para pero poco por porque que qué quien
quién se sea ser si sí sido sin sobre sois somos son soy su sus también tanto te tenemos tener tengo ti tiene
tienen todo todos tu tú tus un una uno unos vosotros y ya yo`;

const SOCIAL = `rt via amp http https www com html lol omg pls plz`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);
const BY_LANGUAGE: Record<string, ReadonlySet<string>> = {
  en: new Set([...words(EN), ...words(SOCIAL)]),
  de: new Set([...words(DE), ...words(SOCIAL)]),
  fr: new Set([...words(FR), ...words(SOCIAL)]),
  es: new Set([...words(ES), ...words(SOCIAL)]),
};
/** A function word in one language that is news in another ("war", "die", "hay", "son", "era"). */
const CROSS_LANGUAGE_CONTENT = new Set(['war', 'die', 'hay', 'son', 'sea', 'era', 'con', 'ante', 'fast']);
const ANY_LANGUAGE: ReadonlySet<string> = new Set(
  [EN, DE, FR, ES, SOCIAL].flatMap(words).filter((w) => !CROSS_LANGUAGE_CONTENT.has(w)),
);

/**
 * The stopwords for a post's language ("en", "de-AT" …); without a known language, the union of
 * all four minus the words that are function words in one language and content in another.
 */
export function stopwordsFor(lang: string | null | undefined): ReadonlySet<string> {
  const base = lang?.slice(0, 2).toLowerCase();
  return (base !== undefined && BY_LANGUAGE[base]) || ANY_LANGUAGE;
}
