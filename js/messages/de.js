// German message templates for every issue code, for the `messages` option:
//   validateCredit(draft, { messages: messagesDe })
// Plain data, no code: it adds nothing to the wasm and is dropped by bundlers when unused.
// Placeholders are the params of the issue ({max}, {with}, ...), as in the English catalog.

/** German templates, one per code (the codes of ruleCatalog()) and per fix kind (`fix.<kind>`). */
export const messagesDe = Object.freeze({
  invalid_json: 'Der Text ist kein gültiges JSON.',
  invalid_type: 'Falscher Typ: erwartet {expected}, erhalten {received}.',
  required: 'Dieses Feld ist erforderlich.',
  unknown_field: 'Unbekanntes Feld.',
  invalid_uuid: 'Geben Sie eine UUID ein, z. B. 13117714-3f05-48e5-a6e9-a66093f13b4d.',
  invalid_timestamp: 'Geben Sie Datum und Uhrzeit mit Zeitzone ein, z. B. 2026-01-01T00:00:00Z.',
  not_hour_aligned: 'Muss auf eine volle Stunde fallen: Minuten und Sekunden in UTC gleich null.',
  invalid_range: 'Muss nach dem Beginn liegen.',
  not_finite: 'Muss eine endliche Zahl sein.',
  not_positive: 'Muss größer als {min} sein.',
  empty: 'Darf nicht leer sein.',
  too_long: 'Darf höchstens {max} Zeichen lang sein.',
  too_many: 'Darf höchstens {max} Einträge haben.',
  invalid_enum: 'Muss einer dieser Werte sein: {allowed}.',
  conflict: 'Verwenden Sie entweder specifiers oder {with}, nicht beides.',
  ends_in_past: 'Dieser Zeitplaneintrag endet in der Vergangenheit.',
  overlapping_schedule: 'Überschneidet sich mit dem Zeitplaneintrag an Index {with}.',
  fractional_cents: 'USD-Beträge werden in Cent angegeben; dies ist keine ganze Zahl von Cent.',
  negative_priority: 'Die Priorität ist kleiner als {min}; niedrigere Prioritäten werden zuerst verbraucht.',
  not_uuid: 'Dies sieht nicht wie eine Vertrags-ID (eine UUID) aus.',
  duplicate_removed: 'Doppelte Einträge entfernt: {count}.',
  'fix.round_down': 'Abrunden auf {value}',
  'fix.round_up': 'Aufrunden auf {value}',
  'fix.assume_utc': 'Als UTC lesen: {value}',
  'fix.rename': 'Umbenennen in {to}',
  'fix.replace': 'Ersetzen durch {value}',
  'fix.round': 'Runden auf {value}',
  'fix.start_after': 'Beginn auf {value} setzen, wenn der andere Eintrag endet',
  'fix.swap': 'Beginn und Ende tauschen',
});
