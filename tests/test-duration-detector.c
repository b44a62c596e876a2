/* test-duration-detector.c
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "galley-duration-detector.h"

#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
#define WEEK (7 * DAY)

typedef struct
{
  const char *sentence;
  guint       n_timers;
  const char *text;        /* first timer */
  gint64      seconds;
  gint64      max_seconds;
  const char *second_text; /* second timer, when given */
  gint64      second_seconds;
  gint64      second_max_seconds;
} DetectCase;

/* Decisions recorded here, where a cook would notice them:
 * - "a minute or two" gives a one-minute timer over "a minute": "or" never
 *   makes a range (only "-", "–", "to" and "between … and" do), so "5 or 6
 *   minutes" times the "6 minutes" that carries the unit.
 * - "a second" and "a day" are figures of speech ("wait a second", "a day
 *   ahead"), "per minute" has no number: none is a timer.
 * - "a few minutes", "overnight" are not precise: no timer.
 * - "between 10 and 12 minutes" keeps "between" in the timer text, since
 *   "10 and 12 minutes" would not read as a duration; "about", "for" and
 *   "from" stay outside.
 * - "1-1/2 hours" is the American way to write 1½ hours, not a range.
 * - Anything over 7 days (or zero) is not a timer, and is skipped whole.
 * - "s" and "m" count only glued to digits ("30s", "1h30m"): "2 m of twine"
 *   is a length, "the 1970s" a decade. */
static const DetectCase detect_cases[] = {
  /* Plain durations */
  { "Simmer for 10 minutes.", 1, "10 minutes", 600, 600 },
  { "Let the dough rise for 1 hour.", 1, "1 hour", HOUR, HOUR },
  { "Bake 25 minutes until golden", 1, "25 minutes", 1500, 1500 },
  { "Rest about 20 minutes before slicing.", 1, "20 minutes", 1200, 1200 },
  { "(about 15 minutes)", 1, "15 minutes", 900, 900 },
  { "Boil for 1 minute.", 1, "1 minute", 60, 60 },
  { "Cook 5 min.", 1, "5 min", 300, 300 },
  { "Proof for 45 mins, covered.", 1, "45 mins", 2700, 2700 },
  { "Bake 2 h.", 1, "2 h", 2 * HOUR, 2 * HOUR },
  { "Grill 3 hrs.", 1, "3 hrs", 3 * HOUR, 3 * HOUR },
  { "Smoke for 8 hr.", 1, "8 hr", 8 * HOUR, 8 * HOUR },
  { "SIMMER FOR 10 MINUTES.", 1, "10 MINUTES", 600, 600 },
  { "Let it rest for a 10-minute break.", 1, "10-minute", 600, 600 },
  { "Take a twenty-minute walk while it proves.", 1, "twenty-minute", 1200, 1200 },
  { "Chill for 2.5 hours.", 1, "2.5 hours", 9000, 9000 },
  { "Leave for 1,5 hours.", 1, "1,5 hours", 5400, 5400 },
  { "Flip and cook for 1 more minute.", 1, "1 more minute", 60, 60 },
  { "Bake for 1.5 hours.", 1, "1.5 hours", 5400, 5400 },
  /* Seconds and days */
  { "Blanch for 30 seconds.", 1, "30 seconds", 30, 30 },
  { "Blitz for 30s.", 1, "30s", 30, 30 },
  { "Sear 45 secs per side.", 1, "45 secs", 45, 45 },
  { "Pulse for 10 sec.", 1, "10 sec", 10, 10 },
  { "Ferment for 2 days.", 1, "2 days", 2 * DAY, 2 * DAY },
  { "Rest 1 day in the fridge.", 1, "1 day", DAY, DAY },
  { "Cure for 7 days.", 1, "7 days", WEEK, WEEK },
  /* Fractions */
  { "Simmer for 1/2 hour.", 1, "1/2 hour", 1800, 1800 },
  { "Simmer for 1 1/2 hours.", 1, "1 1/2 hours", 5400, 5400 },
  { "Roast for 1-1/2 hours.", 1, "1-1/2 hours", 5400, 5400 },
  { "Chill for ½ hour.", 1, "½ hour", 1800, 1800 },
  { "Bake for 1½ hours.", 1, "1½ hours", 5400, 5400 },
  { "Bake for 1 ½ hours.", 1, "1 ½ hours", 5400, 5400 },
  { "Rest for ¼ hour.", 1, "¼ hour", 900, 900 },
  { "Cook for ¾ hour.", 1, "¾ hour", 2700, 2700 },
  { "Microwave for ⅓ minute.", 1, "⅓ minute", 20, 20 },
  { "Steam for 2⅔ minutes.", 1, "2⅔ minutes", 160, 160 },
  /* Number words */
  { "Simmer for ten minutes.", 1, "ten minutes", 600, 600 },
  { "Bake for twenty-five minutes.", 1, "twenty-five minutes", 1500, 1500 },
  { "Bake for twenty five minutes.", 1, "twenty five minutes", 1500, 1500 },
  { "Leave for sixty seconds.", 1, "sixty seconds", 60, 60 },
  { "Mix for ninety seconds.", 1, "ninety seconds", 90, 90 },
  { "Knead for Fifteen Minutes.", 1, "Fifteen Minutes", 900, 900 },
  { "Simmer for an hour.", 1, "an hour", HOUR, HOUR },
  { "Stir for a minute or two.", 1, "a minute", 60, 60 },
  { "Bake for half an hour.", 1, "half an hour", 1800, 1800 },
  { "Whisk for half a minute.", 1, "half a minute", 30, 30 },
  { "Rest for a half-hour.", 1, "a half-hour", 1800, 1800 },
  { "Roast for an hour and a half.", 1, "an hour and a half", 5400, 5400 },
  { "Bake for one and a half hours.", 1, "one and a half hours", 5400, 5400 },
  { "Leave for a couple of minutes.", 1, "a couple of minutes", 120, 120 },
  { "Steep for a quarter of an hour.", 1, "a quarter of an hour", 900, 900 },
  { "Roast for three quarters of an hour.", 1, "three quarters of an hour", 2700, 2700 },
  /* Compound times */
  { "Bake for 1 hour 15 minutes.", 1, "1 hour 15 minutes", 4500, 4500 },
  { "Bake for 1 hr 15 mins.", 1, "1 hr 15 mins", 4500, 4500 },
  { "Bake 1h30m.", 1, "1h30m", 5400, 5400 },
  { "Bake 1h30 at 180°C.", 1, "1h30", 5400, 5400 },
  { "Bake for 1 hour and 15 minutes.", 1, "1 hour and 15 minutes", 4500, 4500 },
  { "Braise for 2 hours 30, then rest.", 1, "2 hours 30", 9000, 9000 },
  { "Cook 2 minutes 30 seconds.", 1, "2 minutes 30 seconds", 150, 150 },
  { "Ferment 1 day 12 hours.", 1, "1 day 12 hours", 36 * HOUR, 36 * HOUR },
  /* Ranges */
  { "Roast the vegetables for 40–45 minutes, turning once.", 1, "40–45 minutes", 2400, 2700 },
  { "Cook the pasta for 10-12 minutes.", 1, "10-12 minutes", 600, 720 },
  { "Bake for 10 – 12 minutes.", 1, "10 – 12 minutes", 600, 720 },
  { "Boil for 10 to 12 minutes.", 1, "10 to 12 minutes", 600, 720 },
  { "Bake for between 10 and 12 minutes.", 1, "between 10 and 12 minutes", 600, 720 },
  { "Let it sit for between 1 and 2 hours.", 1, "between 1 and 2 hours", HOUR, 2 * HOUR },
  { "Rest between 30 minutes and 1 hour.", 1, "between 30 minutes and 1 hour", 1800, HOUR },
  { "Braise for 3 to 4 hours.", 1, "3 to 4 hours", 3 * HOUR, 4 * HOUR },
  { "Steam for 1-1½ hours.", 1, "1-1½ hours", HOUR, 5400 },
  { "Rise for ½–1 hour.", 1, "½–1 hour", 1800, HOUR },
  { "Bake for 1½-2 hours.", 1, "1½-2 hours", 5400, 2 * HOUR },
  { "Simmer for two to three hours.", 1, "two to three hours", 2 * HOUR, 3 * HOUR },
  { "Poach 8–10 min.", 1, "8–10 min", 480, 600 },
  { "Marinate for 12 to 24 hours.", 1, "12 to 24 hours", 12 * HOUR, DAY },
  { "Bake 45 minutes to 1 hour.", 1, "45 minutes to 1 hour", 2700, HOUR },
  { "Simmer 20 minutes to half an hour.", 1, "20 minutes to half an hour", 1200, 1800 },
  { "Bake 1 hour 15 minutes to 1 hour 30 minutes.", 1, "1 hour 15 minutes to 1 hour 30 minutes", 4500, 5400 },
  { "Fry 5–6 minutes per side.", 1, "5–6 minutes", 300, 360 },
  { "Cook 5 or 6 minutes.", 1, "6 minutes", 360, 360 },
  /* Several timers in one step */
  { "Simmer for 10 minutes, then add the peas and cook for 5 minutes more.", 2,
    "10 minutes", 600, 600, "5 minutes", 300, 300 },
  { "Bake at 180°C for 20 minutes, then at 160°C for 10–15 minutes.", 2,
    "20 minutes", 1200, 1200, "10–15 minutes", 600, 900 },
  { "Boil 3 minutes; drain and rest 2 min.", 2, "3 minutes", 180, 180, "2 min", 120, 120 },
  { "Bake 25 minutes. Then cool for 1 hour.", 2, "25 minutes", 1500, 1500, "1 hour", HOUR, HOUR },
  { "Rest 1 hour 15 minutes 30 seconds, then 2 hours.", 2,
    "1 hour 15 minutes 30 seconds", 4530, 4530, "2 hours", 2 * HOUR, 2 * HOUR },
  /* The timer stops where the duration stops */
  { "Wait 2 hours\n30 eggs later", 1, "2 hours", 2 * HOUR, 2 * HOUR },
  { "Step 3 – 10 minutes rest.", 1, "10 minutes", 600, 600 },
  { "Preheat to 400°F; bake 20 minutes.", 1, "20 minutes", 1200, 1200 },
  { "Age for 8 days 2 hours.", 0 },
  { "Après 5 minutes, retournez.", 1, "5 minutes", 300, 300 },
  /* Temperatures */
  { "Preheat the oven to 180°C.", 0 },
  { "Heat the oven to 350 °F.", 0 },
  { "Bake at 200 degrees.", 0 },
  { "Heat the oil to 170-180°C.", 0 },
  /* Quantities */
  { "Add 2 cups of flour.", 0 },
  { "Add 500 g sugar.", 0 },
  { "Stir in 1 tbsp honey.", 0 },
  { "Add 2 mint leaves.", 0 },
  { "Add 2 handfuls of spinach.", 0 },
  { "Add 3 dl milk and 2-3 shallots.", 0 },
  { "Add 1 1/2 cups of stock.", 0 },
  { "Serve 12 hotdogs.", 0 },
  { "Cut 2 m of twine.", 0 },
  /* Sizes */
  { "Grease a 9x13 inch pan.", 0 },
  { "Line a 20 cm tin.", 0 },
  { "Cut into 2-inch pieces.", 0 },
  /* Counts, step numbers, times of day */
  { "Beat 3 eggs.", 0 },
  { "Makes 4 servings.", 0 },
  { "Makes 12.", 0 },
  { "Step 2: Mix the batter.", 0 },
  { "2. Mix the batter.", 0 },
  { "Serve at 6 pm.", 0 },
  { "Open 24/7.", 0 },
  { "Popular in the 1970s.", 0 },
  /* Words that are not durations */
  { "Wait a second, then stir.", 0 },
  { "Fold in the second half of the dough.", 0 },
  { "Repeat a second time.", 0 },
  { "Stir for a few minutes.", 0 },
  { "Leave overnight.", 0 },
  { "Stir 100 times per minute.", 0 },
  { "Make it a day ahead.", 0 },
  { "Sprinkle with minced herbs.", 0 },
  { "Add the hours-old dough.", 0 },
  { "Toast 2 day-old slices of bread.", 0 },
  { "Add 1,000 grains of rice.", 0 },
  /* Absurd values */
  { "Bake for 0 minutes.", 0 },
  { "Age for 10 days.", 0 },
  { "Cure for 1-10 days.", 0 },
  { "Wait 99999999999999999999999999 hours.", 0 },
  { "Rest 12-10 minutes.", 0 },
  { "", 0 },
};

static guint
char_length (const char *text)
{
  return g_utf8_strlen (text, -1);
}

/* The invariants every detected timer must satisfy, whatever the input. */
static void
assert_timers_valid (const char *text,
                     GPtrArray  *timers)
{
  guint length = char_length (text);
  guint previous_end = 0;

  for (guint i = 0; i < timers->len; i++)
    {
      GalleyStepTimer *timer = g_ptr_array_index (timers, i);
      guint start = galley_step_timer_get_start (timer);
      guint end = galley_step_timer_get_end (timer);
      g_autofree char *substring = NULL;

      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (end, <=, length);
      g_assert_cmpuint (start, >=, previous_end);
      previous_end = end;

      substring = g_utf8_substring (text, start, end);
      g_assert_cmpstr (substring, ==, galley_step_timer_get_text (timer));

      g_assert_cmpint (galley_step_timer_get_seconds (timer), >, 0);
      g_assert_cmpint (galley_step_timer_get_seconds (timer), <=,
                       galley_step_timer_get_max_seconds (timer));
      g_assert_cmpint (galley_step_timer_get_max_seconds (timer), <=, WEEK);

      g_assert_nonnull (galley_step_timer_get_label (timer));
      g_assert_cmpstr (galley_step_timer_get_label (timer), !=, "");
    }
}

static void
assert_timer (GalleyStepTimer *timer,
              const char      *text,
              gint64           seconds,
              gint64           max_seconds)
{
  g_assert_cmpstr (galley_step_timer_get_text (timer), ==, text);
  g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, seconds);
  g_assert_cmpint (galley_step_timer_get_max_seconds (timer), ==, max_seconds);
  g_assert_cmpint (galley_step_timer_is_range (timer), ==, max_seconds > seconds);
}

static void
test_detect_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (detect_cases), >=, 80);

  for (guint i = 0; i < G_N_ELEMENTS (detect_cases); i++)
    {
      const DetectCase *c = &detect_cases[i];
      g_autoptr(GPtrArray) timers = galley_detect_durations (c->sentence);

      g_test_message ("%s", c->sentence);
      g_assert_nonnull (timers);
      assert_timers_valid (c->sentence, timers);
      g_assert_cmpuint (timers->len, ==, c->n_timers);

      if (c->text != NULL)
        assert_timer (g_ptr_array_index (timers, 0), c->text, c->seconds, c->max_seconds);
      if (c->second_text != NULL)
        assert_timer (g_ptr_array_index (timers, 1), c->second_text,
                      c->second_seconds, c->second_max_seconds);
    }
}

static void
test_char_offsets (void)
{
  static const struct {
    const char *text;
    const char *prefix; /* everything before the first timer */
    const char *timer;
  } cases[] = {
    { "Roast the vegetables for 40–45 minutes, turning once.",
      "Roast the vegetables for ", "40–45 minutes" },
    { "Crème brûlée — déjà vu: bake 40–45 minutes, then chill.",
      "Crème brûlée — déjà vu: bake ", "40–45 minutes" },
    { "🍞🥖 Bake the naïve loaf 20 minutes.", "🍞🥖 Bake the naïve loaf ", "20 minutes" },
    { "Ζύμη: ξεκουραστεί 1 hour, 日本語 ½ hour.", "Ζύμη: ξεκουραστεί ", "1 hour" },
    { "Faire cuire 10–12 minutes à 180 °C.", "Faire cuire ", "10–12 minutes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) timers = galley_detect_durations (cases[i].text);
      GalleyStepTimer *first;
      g_autofree char *substring = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpuint (timers->len, >=, 1);
      assert_timers_valid (cases[i].text, timers);

      first = g_ptr_array_index (timers, 0);
      g_assert_cmpuint (galley_step_timer_get_start (first), ==, char_length (cases[i].prefix));
      g_assert_cmpuint (galley_step_timer_get_end (first), ==,
                        char_length (cases[i].prefix) + char_length (cases[i].timer));

      substring = g_utf8_substring (cases[i].text,
                                    galley_step_timer_get_start (first),
                                    galley_step_timer_get_end (first));
      g_assert_cmpstr (substring, ==, cases[i].timer);
      g_assert_cmpstr (galley_step_timer_get_text (first), ==, cases[i].timer);
    }

  /* The card's example: characters, not bytes (the en dash is 3 bytes). */
  {
    g_autoptr(GPtrArray) timers = galley_detect_durations ("Roast the vegetables for 40–45 minutes, turning once.");
    GalleyStepTimer *timer = g_ptr_array_index (timers, 0);

    g_assert_cmpuint (galley_step_timer_get_start (timer), ==, 25);
    g_assert_cmpuint (galley_step_timer_get_end (timer), ==, 38);
    g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "Roast the vegetables");
  }
}

static void
test_invalid_input (void)
{
  g_autoptr(GPtrArray) invalid = galley_detect_durations ("Bake 20 minutes \xff\xfe then 5 minutes");
  g_autoptr(GPtrArray) truncated = galley_detect_durations ("Bake 20 minutes \xe2\x80");
  g_autoptr(GPtrArray) empty = galley_detect_durations ("");
  g_autofree char *label = galley_timer_label_for ("Bake \xc3 20 minutes", 6);

  g_assert_nonnull (invalid);
  g_assert_cmpuint (invalid->len, ==, 0);
  g_assert_cmpuint (truncated->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_nonnull (label);
  g_assert_cmpstr (label, !=, "");
}

static void
test_step_explicit_timer_wins (void)
{
  const char *text = "Bake for 25 minutes, then rest 10 minutes and serve after 1 hour.";
  g_autoptr(GalleyStep) step = galley_step_new (text);
  g_autoptr(GalleyStepTimer) explicit = NULL;
  GPtrArray *timers;
  GalleyStepTimer *timer;
  guint start;

  /* As a Cooklang ~bake{30%minutes} would: the explicit duration (here
   * deliberately not what the text says) and name must survive. */
  start = char_length ("Bake for ");
  explicit = galley_step_timer_new (start, start + char_length ("25 minutes"),
                                    "25 minutes", 1800, 1800, "bake");
  g_assert_true (galley_step_add_timer (step, explicit));

  g_assert_cmpuint (galley_step_detect_timers (step), ==, 2);

  timers = galley_step_get_timers (step);
  g_assert_cmpuint (timers->len, ==, 3);
  assert_timers_valid (text, timers);

  timer = g_ptr_array_index (timers, 0);
  g_assert_true (timer == explicit);
  g_assert_cmpint (galley_step_timer_get_seconds (timer), ==, 1800);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "bake");

  timer = g_ptr_array_index (timers, 1);
  assert_timer (timer, "10 minutes", 600, 600);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "Rest");

  timer = g_ptr_array_index (timers, 2);
  assert_timer (timer, "1 hour", HOUR, HOUR);
  g_assert_cmpstr (galley_step_timer_get_label (timer), ==, "Serve");

  /* Detecting again finds nothing new. */
  g_assert_cmpuint (galley_step_detect_timers (step), ==, 0);
  g_assert_cmpuint (timers->len, ==, 3);

  g_clear_object (&explicit);
  g_assert_finalize_object (g_steal_pointer (&step));
}

static void
test_step_partial_overlap (void)
{
  const char *text = "Simmer 10-12 minutes, then rest 5 minutes.";
  g_autoptr(GalleyStep) step = galley_step_new (text);
  g_autoptr(GalleyStepTimer) explicit = NULL;
  GPtrArray *timers;
  guint start = char_length ("Simmer ");

  /* An explicit timer over just "10" overlaps the detected "10-12
   * minutes": the detected one must not be added around it. */
  explicit = galley_step_timer_new (start, start + 2, "10", 600, 600, "Simmer");
  g_assert_true (galley_step_add_timer (step, explicit));

  g_assert_cmpuint (galley_step_detect_timers (step), ==, 1);
  timers = galley_step_get_timers (step);
  g_assert_cmpuint (timers->len, ==, 2);
  g_assert_true (g_ptr_array_index (timers, 0) == explicit);
  assert_timer (g_ptr_array_index (timers, 1), "5 minutes", 300, 300);

  g_clear_object (&explicit);
  g_assert_finalize_object (g_steal_pointer (&step));
}

static void
test_step_without_timers (void)
{
  g_autoptr(GalleyStep) step = galley_step_new ("Preheat the oven to 180°C and grease a 20 cm tin.");

  g_assert_cmpuint (galley_step_detect_timers (step), ==, 0);
  g_assert_cmpuint (galley_step_get_timers (step)->len, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&step));
}

static void
test_labels (void)
{
  static const struct {
    const char *text;
    const char *timer; /* labels the first occurrence of this timer text */
    const char *label;
  } cases[] = {
    { "Roast the vegetables for 40–45 minutes, turning once.", "40–45 minutes", "Roast the vegetables" },
    { "Simmer for 10 minutes.", "10 minutes", "Simmer" },
    { "Let the dough rise for 1 hour.", "1 hour", "Let the dough rise" },
    { "Bake 25 minutes until golden", "25 minutes", "Bake" },
    { "After 5 minutes, flip.", "5 minutes", "Flip" },
    { "Simmer for 10 minutes, then add the peas and cook for 5 minutes more.", "5 minutes", "Add the peas and cook" },
    { "Bake 10 minutes, then 5 minutes more.", "5 minutes", "Bake" },
    { "In a large pan, fry the onions for 5 minutes.", "5 minutes", "Fry the onions" },
    { "Simmer, covered, for 20 minutes.", "20 minutes", "Simmer" },
    { "Simmer, stirring often, for 20 minutes.", "20 minutes", "Simmer" },
    { "Preheat the oven. Bake for about 30 minutes.", "30 minutes", "Bake" },
    { "10 minutes later, stir in the cream.", "10 minutes", "Stir in the cream" },
    { "30 minutes before serving, whisk the dressing.", "30 minutes", "Whisk the dressing" },
    { "Bring the water to a boil and cook the pasta for 10 minutes.", "10 minutes", "Cook the pasta" },
    { "Step 2: Knead for 8 minutes.", "8 minutes", "Knead" },
    { "Cook for at least 2 hours.", "2 hours", "Cook" },
    { "If the sauce is too thick, simmer for 5 minutes.", "5 minutes", "Simmer" },
    { "Über die Zwiebeln, sauté for 5 minutes.", "5 minutes", "Sauté" },
    { "émincer et laisser reposer 10 minutes", "10 minutes", "Émincer et laisser reposer" },
    { "20 minutes.", "20 minutes", "20 minutes" },
    { "Bake for between 10 and 12 minutes.", "between 10 and 12 minutes", "Bake" },
    { "Bake at 180°C for 20 minutes.", "20 minutes", "Bake" },
    { "Microwave on high for 2 x 30 seconds.", "30 seconds", "Microwave on high" },
    { "Stir every 5 minutes.", "5 minutes", "Stir" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *found = strstr (cases[i].text, cases[i].timer);
      guint start;
      g_autofree char *label = NULL;
      g_autoptr(GPtrArray) timers = galley_detect_durations (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_nonnull (found);
      start = g_utf8_pointer_to_offset (cases[i].text, found);

      label = galley_timer_label_for (cases[i].text, start);
      g_assert_cmpstr (label, ==, cases[i].label);

      /* The detector labels its timers the same way. */
      for (guint k = 0; k < timers->len; k++)
        {
          GalleyStepTimer *timer = g_ptr_array_index (timers, k);

          if (galley_step_timer_get_start (timer) == start)
            g_assert_cmpstr (galley_step_timer_get_label (timer), ==, cases[i].label);
        }
    }
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strv_length (words);
}

static void
test_label_shape (void)
{
  static const char *texts[] = {
    "Gently cook the finely chopped red onions very slowly in the butter for 10 minutes.",
    "Meanwhile, in a large heavy-based casserole over a medium-high heat, brown the meat in batches for about 8 minutes.",
    "For 5 minutes.",
    "about 5 minutes, for, until, about",
    ", , , 5 minutes , , ,",
    "—5 minutes—",
    "5 minutes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) timers = galley_detect_durations (texts[i]);
      GalleyStepTimer *timer;
      g_autofree char *label = NULL;
      gunichar first;

      g_test_message ("%s", texts[i]);
      g_assert_cmpuint (timers->len, ==, 1);
      timer = g_ptr_array_index (timers, 0);
      label = galley_timer_label_for (texts[i], galley_step_timer_get_start (timer));

      g_assert_cmpstr (label, ==, galley_step_timer_get_label (timer));
      g_assert_cmpstr (label, !=, "");
      g_assert_cmpuint (count_words (label), <=, 6);
      g_assert_false (g_str_has_suffix (label, " for"));
      g_assert_false (g_str_has_suffix (label, " about"));
      g_assert_false (g_str_has_suffix (label, " until"));
      g_assert_false (g_str_has_suffix (label, ","));
      first = g_utf8_get_char (label);
      g_assert_true (!g_unichar_isalpha (first) || g_unichar_isupper (first));
    }

  /* Not at a timer, or past the end: still a label. */
  {
    g_autofree char *nothing = galley_timer_label_for ("", 0);
    g_autofree char *past_end = galley_timer_label_for ("Bake 10 minutes.", 1000);
    g_autofree char *no_timer = galley_timer_label_for ("Whisk the eggs.", 6);

    g_assert_cmpstr (nothing, !=, "");
    g_assert_cmpstr (past_end, !=, "");
    g_assert_cmpstr (no_timer, !=, "");
  }
}

static const char * const fuzz_pool[] = {
  "0", "1", "2", "5", "10", "12", "15", "30", "40", "45", "59", "60", "100",
  "1970", "99999999999999999999", "1.5", "0.4", "2.", ".5", "1/2", "3/0",
  "1 1/2", "1-1/2", "½", "1½", "¼", "¾", "⅓", "⅞", "9x13",
  "s", "sec", "seconds", "second", "m", "min", "mins", "minute", "minutes",
  "h", "hr", "hrs", "hour", "hours", "day", "days", "mint", "handfuls",
  "-", "–", "—", "‑", "to", "and", "or", "between", "a", "an", "half",
  "quarter", "quarters", "couple", "of", "one", "twenty", "five", "ninety",
  "step", "°C", "°", "cups", "g", ".", ",", ";", ":", "(", ")", "/", "⁄",
  "\n", "é", "日", "🍞", "\u0301", "then", "for", "about", "after", "later",
};

static void
test_fuzz (void)
{
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) timers = NULL;
      g_autoptr(GalleyStep) step = NULL;
      guint n_tokens = g_test_rand_int_range (0, 24);
      guint length;

      for (guint k = 0; k < n_tokens; k++)
        {
          guint choice = g_test_rand_int_range (0, G_N_ELEMENTS (fuzz_pool) + 4);

          if (choice < G_N_ELEMENTS (fuzz_pool))
            g_string_append (text, fuzz_pool[choice]);
          else if (choice == G_N_ELEMENTS (fuzz_pool))
            g_string_append_c (text, 'a' + g_test_rand_int_range (0, 26));
          else
            g_string_append_unichar (text, g_test_rand_int_range (0x20, 0x3000));

          /* Glued tokens are as interesting as separated ones. */
          if (g_test_rand_bit ())
            g_string_append_c (text, ' ');
        }

      timers = galley_detect_durations (text->str);
      g_assert_nonnull (timers);
      assert_timers_valid (text->str, timers);

      length = char_length (text->str);
      for (guint k = 0; k < timers->len; k++)
        {
          guint start = galley_step_timer_get_start (g_ptr_array_index (timers, k));
          g_autofree char *label = galley_timer_label_for (text->str, start);

          g_assert_cmpstr (label, !=, "");
        }

      {
        g_autofree char *label = galley_timer_label_for (text->str, g_test_rand_int_range (0, length + 2));

        g_assert_cmpstr (label, !=, "");
      }

      step = galley_step_new (text->str);
      g_assert_cmpuint (galley_step_detect_timers (step), ==, timers->len);
      g_assert_finalize_object (g_steal_pointer (&step));
    }
}

static void
test_random_unicode (void)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) timers = NULL;
      guint n_chars = g_test_rand_int_range (0, 200);

      for (guint k = 0; k < n_chars; k++)
        {
          gunichar ch;

          do
            ch = g_test_rand_int_range (1, 0x110000);
          while (!g_unichar_validate (ch));

          g_string_append_unichar (text, ch);
        }

      timers = galley_detect_durations (text->str);
      assert_timers_valid (text->str, timers);
    }
}

static void
test_long_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) no_stop = g_string_new (NULL);
  g_autoptr(GPtrArray) timers = NULL;
  g_autoptr(GPtrArray) none = NULL;
  /* About 1 MB of text: quadratic work would run into the test timeout. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "Stir, then bake 10–12 minutes; rest ½ hour ");
  for (guint i = 0; i < 50000; i++)
    g_string_append (no_stop, "1 2 3 - to and ");

  timers = galley_detect_durations (text->str);
  g_assert_cmpuint (timers->len, ==, 10000);
  assert_timer (g_ptr_array_index (timers, 9998), "10–12 minutes", 600, 720);
  assert_timer (g_ptr_array_index (timers, 9999), "½ hour", 1800, 1800);
  g_assert_cmpstr (galley_step_timer_get_label (g_ptr_array_index (timers, 9999)), ==, "Rest");

  none = galley_detect_durations (no_stop->str);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/duration-detector/table", test_detect_table);
  g_test_add_func ("/duration-detector/char-offsets", test_char_offsets);
  g_test_add_func ("/duration-detector/invalid-input", test_invalid_input);
  g_test_add_func ("/duration-detector/step/explicit-timer-wins", test_step_explicit_timer_wins);
  g_test_add_func ("/duration-detector/step/partial-overlap", test_step_partial_overlap);
  g_test_add_func ("/duration-detector/step/without-timers", test_step_without_timers);
  g_test_add_func ("/duration-detector/labels", test_labels);
  g_test_add_func ("/duration-detector/label-shape", test_label_shape);
  g_test_add_func ("/duration-detector/fuzz", test_fuzz);
  g_test_add_func ("/duration-detector/random-unicode", test_random_unicode);
  g_test_add_func ("/duration-detector/long-text", test_long_text);

  return g_test_run ();
}
