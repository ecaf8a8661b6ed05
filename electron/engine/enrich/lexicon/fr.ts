import type { LanguagePack } from './types.js';

/** French: our own care lexicon. Elisions (n', l', j', qu'…) are expanded before lookup. */
export const FR: LanguagePack = {
  valence: {
    bon: 2, bonne: 2, bien: 2, super: 3, top: 3, parfait: 3, parfaite: 3, excellent: 3, excellente: 3, 'génial': 3, 'géniale': 3, magnifique: 3, formidable: 3, 'délicieux': 3, 'délicieuse': 3,
    adorable: 3, gentil: 2, gentille: 2, sympa: 2, patient: 2, patiente: 2, patience: 2, rapide: 1, rapidement: 1, pratique: 2, fiable: 2, simple: 1, facile: 1, 'incroyable': 2,
    merci: 2, bravo: 3, 'bien joué': 3, 'au top': 3, 'ravi': 3, 'ravie': 3, content: 2, contente: 2, heureux: 3, heureuse: 3, satisfait: 2, satisfaite: 2, adore: 3, "j'adore": 3, aime: 2,
    'meilleur': 3, 'meilleure': 3, meilleurs: 3, 'qualité': 1, 'comme neuf': 2, 'comme neuves': 2, 'sans souci': 2, 'sans aucun souci': 2, 'aucun souci': 2, 'aucun frais': 1, 'illuminé': 2,
    mauvais: -2, mauvaise: -2, nul: -3, nulle: -3, pire: -4, horrible: -3, affreux: -3, catastrophe: -4, catastrophique: -4, cauchemar: -3, scandale: -4, scandaleux: -4, honteux: -4, honte: -3,
    'inadmissible': -4, 'inacceptable': -3, 'déçu': -3, 'déçue': -3, 'décevant': -3, 'déception': -3, 'énervé': -3, 'énervée': -3, 'marre': -3, 'furieux': -4, 'furieuse': -4,
    'en panne': -3, panne: -2, 'cassé': -3, 'cassée': -3, 'défectueux': -3, 'rayé': -2, 'rayée': -2, froid: -1, froide: -1, retard: -2, 'en retard': -2, perdu: -2, perdue: -2, 'bloqué': -2,
    'bloquée': -2, 'fondu': -3, dangereux: -3, dangereuse: -3, 'arnaque': -4, vol: 0, 'grincent': -1, 'agios': -1, frais: -1, 'problème': -1,
    'ne marche pas': -3, 'ne fonctionne pas': -3, 'ne répond pas': -2, personne: -1, jamais: -1, 'merci pour rien': -3, 'non merci': -2, 'laissez tomber': -2, 'incompétent*': -3,
    'encore': -1, 'toujours pas': -2, 'malheureusement': -1, 'mal': -2, erreur: 0, 'recommand*': 2, 'conseill*': 1, 'déconseill*': -2, 'vaut le coup': 2, 'sans prévenir': -2,
    'sans préavis': -2, impossible: -2, 'rupture de stock': -1, 'doublé': -1, "ne s'allume plus": -3, "ne s'allume pas": -3, attente: -1,
  },
  negators: ['ne', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'personne', 'plus'],
  postNegators: [],
  intensifiers: {
    'très': 1.5, vraiment: 1.4, trop: 1.4, super: 1.4, 'extrêmement': 1.7, totalement: 1.5, complètement: 1.5, tellement: 1.5, si: 1.3, franchement: 1.2, hyper: 1.5, vachement: 1.5,
    'un peu': 0.5, assez: 1.1, plutôt: 0.8, 'du tout': 1.4,
  },
  contrast: ['mais', 'cependant', 'pourtant', 'toutefois', 'néanmoins'],
  interrogatives: ['comment', 'quel', 'quelle', 'quels', 'quelles', 'où', 'ou', 'quand', 'pourquoi', 'combien', 'qui', 'est-ce', 'est ce que', 'peut-on', 'peut', 'puis-je', 'y a-t-il'],
  stopwords: [
    'le', 'la', 'les', 'de', 'des', 'et', 'est', 'un', 'une', 'pas', 'je', 'mon', 'ma', 'mes', 'que', 'qui', 'pour', 'dans', 'sur', 'avec', 'ne', 'vous', 'il', 'ce', 'au', 'du', 'en', 'plus', 'toujours', 'encore', 'merci', 'tout', 'très', 'chez', 'nous', 'elle', 'ils', 'elles', 'on', 'leur', 'leurs', 'son', 'sa', 'ses', 'ton', 'ta', 'tes', 'votre', 'vos', 'notre', 'nos', 'cette', 'ces', 'mais', 'ou', 'donc', 'car', 'si', 'quand', 'comme', 'où', 'aussi', 'bien', 'déjà', 'jamais', 'rien', 'sans', 'sous', 'par', 'entre', 'depuis', 'avant', 'après', 'été', 'être', 'avoir', 'ai', 'as', 'avez', 'ont', 'suis', 'sommes', 'êtes', 'sont', 'fait', 'faire', 'peut', 'peux', 'veux', 'va', 'vais', 'vont', 'était', 'avait', 'y', 'a', 'moi', 'toi', 'lui', 'eux', 'même', 'autre', 'alors', 'ici', 'là', 'oui', 'non', 'quoi', 'comment', 'pourquoi', 'quel', 'quelle', 'aux', 'cet',
  ],
  cues: {
    complaint: [
      'toujours pas', 'toujours aucune', 'jamais arrivée', 'jamais arrivé', 'est jamais', 'pas arrivée', 'pas arrivé', 'personne ne', 'aucune réponse', 'ne répond pas', 'ne marche pas', 'ne fonctionne pas',
      "ne s'allume plus", 'en panne', 'cassé', 'cassée', 'défectueux', 'rayé', 'facturé', 'débité', 'deux fois', 'rembourser', 'remboursement', 'encore', 'à chaque fois', 'retard',
      'perdu', 'perdus', 'bloqué', 'bloquée', 'pas contente', 'pas content', 'pas satisfait', 'déçu', 'déçue', 'inadmissible', 'inacceptable', 'honteux', 'scandaleux', 'pire', 'merci pour rien',
      'non merci', 'me coûte', 'perdue', 'agios', 'frais', 'fondu', 'rayures', 'doublé', 'sans prévenir', 'impossible de', 'rupture de stock', 'attente', 'résilie', 'robot', 'refuse', 'refusent', 'mauvaise', 'froid', 'pas la bonne',
    ],
    question: ["quelqu'un", 'est ce que', 'est ce', 'peut on', 'comment', 'où trouver', 'combien de temps', 'combien coûte', 'ça veut dire quoi', 'quel', 'quelle'],
    praise: ['merci', 'un grand merci', 'merci beaucoup', 'bravo', 'bien joué', 'au top', 'top', 'ravi', 'ravie', 'contente de', 'content de', 'trop contente', 'adorable', "j'adore"],
    recommendation: [
      'je recommande', 'recommande', 'recommandé', 'je conseille', 'conseille', 'conseillé', 'je vous conseille', 'allez chez', 'faites vous plaisir', 'commandez', 'prenez', 'essayez', "n'achetez pas", 'fuyez', 'évitez', 'laissez tomber', 'je déconseille', 'déconseille', 'vous cherchez', 'si vous cherchez', 'si vous portez', 'à tout le monde', 'toute mon équipe',
    ],
    'pre-purchase': [
      'je pense', "j'hésite", 'hésitez', 'hésite', 'vaut le coup', 'vaut-il', 'différence entre', 'comparer', 'acheter', "avant d'acheter", 'prix', 'combien coûte', 'coûte', 'moins cher',
      'moins chère', 'aligne sur le prix', 'quel tarif', 'quel', 'quelle', 'comprend', 'testé', 'cherche', 'cherchait', 'passer chez', 'offre', 'abonnement lentilles',
    ],
    purchase: [
      'payer', 'paiement', 'le paiement', 'panier', 'code promo', 'codes promo', 'bon de réduction', 'saisie de ma carte', 'formulaire', 'commander', 'je viens de commander', "commande s'est faite",
      'réservation', 'réserver', 'réservé', 'en plusieurs fois', 'apple pay', 'paypal', 'rupture de stock', 'cumuler', 'caisse',
    ],
    'post-purchase': [
      'un humain', 'une personne', 'ma commande', 'commande', 'livraison', 'livré', 'livrée', 'arrivé', 'arrivée', 'remboursement', 'rembourser', 'retour', 'remplacement', 'garantie', 'réparation', 'réparé', 'sav', 'service client',
      'conseiller', 'compte', 'facture', 'facturé', 'débité', 'abonnement', 'contrat', 'résilier', 'résilie', 'mise à jour', 'appli', 'batterie', 'vol', 'valise', 'bagages', 'technicien', 'relevés',
      'erreur', 'mon^0.5', 'ma^0.5', 'mes^0.5', 'toujours', 'encore', 'attente', 'loyer', 'agios', 'livreur', 'opticienne', 'verres', 'lunettes',
    ],
    legal: ['avocat', 'avocate', 'porter plainte', 'plainte', 'tribunal', 'procès', 'justice', 'saisis le tribunal', 'saisir', 'ufc', 'que choisir', 'médiateur', 'mise en demeure'],
    safety: ['feu', 'incendie', 'fumée', 'fumer', 'fondu', 'brûlé', 'brûlure', 'explosé', 'blessé', 'blessée', 'hôpital', 'décharge électrique', 'électrocuté', 'dangereux', 'dangereuse', 'intoxication'],
    cancel: ['je résilie', 'résilier', 'résilie mon', 'fermer mon compte', 'clôturer mon compte', 'je change de', 'je pars chez'],
    journalist: ['journaliste', 'reporter', 'rédacteur', 'rédactrice', 'rédaction', 'correspondant', 'correspondante'],
    sarcasm: ['incroyable', 'merci beaucoup', 'vraiment merci', 'génial', 'super', 'magnifique', 'bravo', 'bien sûr', 'merci pour rien', 'formidable', 'parfait'],
    resolved: ['réglé', 'résolu', 'réparé', 'retrouvé', 'bloqué ce paiement'],
  },
};
