/* galley-stream-message.h
 *
 * Copyright 2026 The Galley developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "galley-op.h"
#include "galley-recipe.h"
#include "galley-timer.h"

G_BEGIN_DECLS

/* The largest stream message the server takes; a larger one closes the
 * stream. */
#define GALLEY_STREAM_MAX_MESSAGE_SIZE (64 * 1024)

#define GALLEY_TYPE_STREAM_MESSAGE (galley_stream_message_get_type ())

typedef enum
{
  /* client → server */
  GALLEY_STREAM_MESSAGE_HELLO,
  GALLEY_STREAM_MESSAGE_PING,
  GALLEY_STREAM_MESSAGE_OP,
  /* server → client */
  GALLEY_STREAM_MESSAGE_CHANGES,
  GALLEY_STREAM_MESSAGE_TIMER,
  GALLEY_STREAM_MESSAGE_RECIPE,
  GALLEY_STREAM_MESSAGE_DELETED,
  GALLEY_STREAM_MESSAGE_PONG,
  GALLEY_STREAM_MESSAGE_ACK,
  GALLEY_STREAM_MESSAGE_ERROR,
} GalleyStreamMessageType;

/**
 * GalleyStreamMessage:
 * @type: which message it is; it says which of the other fields are set
 * @since: hello: the last rev the client has (0 for none)
 * @rev: changes, timer, recipe, deleted, ack: the kitchen's rev of the change
 * @server_time: changes: the server's clock, Unix ms
 * @c0: ping, pong: the client's clock when it sent the ping, ms
 * @s1: pong: the server's clock when the ping arrived, Unix ms
 * @s2: pong: the server's clock when the pong left, Unix ms
 * @applied: ack: whether the op was newer than the server's timer
 * @op_id: ack: the op's id; error: the op it is about, or %NULL
 * @recipe_id: deleted: the deleted recipe's id
 * @by: timer: the id of the device that made the change
 * @code: error: a machine-readable code, see galley_stream_error_code()
 * @message: error: what is wrong, for people
 * @op: op: the op
 * @timer: timer, ack: the timer as the server has it now
 * @recipe: recipe: the recipe
 * @recipes: changes: (element-type GalleyRecipe): new and changed recipes
 * @deleted: changes: the ids of deleted recipes
 * @timers: changes: (element-type GalleyTimer): changed timers
 *
 * One parsed stream message: a reference-counted, read-only record. The
 * fields that its type does not use are 0 or %NULL; those it uses are set
 * (the lists may be empty, never %NULL), except the optional @op_id of an
 * error.
 */
typedef struct
{
  GalleyStreamMessageType type;

  gint64 since;
  gint64 rev;
  gint64 server_time;
  gint64 c0;
  gint64 s1;
  gint64 s2;
  gboolean applied;

  char *op_id;
  char *recipe_id;
  char *by;
  char *code;
  char *message;

  GalleyOp *op;
  GalleyTimer *timer;
  GalleyRecipe *recipe;

  GPtrArray *recipes;
  GStrv deleted;
  GPtrArray *timers;
} GalleyStreamMessage;

GType                galley_stream_message_get_type          (void) G_GNUC_CONST;
GalleyStreamMessage *galley_stream_message_ref               (GalleyStreamMessage  *message);
void                 galley_stream_message_unref             (GalleyStreamMessage  *message);
const char          *galley_stream_message_type_to_string    (GalleyStreamMessageType type);

/* Parsing text from the network: on the server, what clients send... */
GalleyStreamMessage *galley_stream_message_parse_from_client (const char           *text,
                                                              gsize                 length,
                                                              gsize                 max_size,
                                                              GError              **error);
/* ...and on the client, what the server sends. */
GalleyStreamMessage *galley_stream_message_parse_from_server (const char           *text,
                                                              gsize                 length,
                                                              gsize                 max_size,
                                                              GError              **error);

/* Client → server */
char *galley_stream_message_build_hello   (gint64               since);
char *galley_stream_message_build_ping    (gint64               c0);
char *galley_stream_message_build_op      (GalleyOp            *op);

/* Server → client */
char *galley_stream_message_build_changes (gint64               rev,
                                           gint64               server_time,
                                           GPtrArray           *recipes,
                                           const char * const  *deleted,
                                           GPtrArray           *timers);
char *galley_stream_message_build_timer   (gint64               rev,
                                           GalleyTimer         *timer,
                                           const char          *by);
char *galley_stream_message_build_recipe  (gint64               rev,
                                           GalleyRecipe        *recipe);
char *galley_stream_message_build_deleted (gint64               rev,
                                           const char          *recipe_id);
char *galley_stream_message_build_pong    (gint64               c0,
                                           gint64               s1,
                                           gint64               s2);
char *galley_stream_message_build_ack     (const char          *op_id,
                                           gboolean             applied,
                                           gint64               rev,
                                           GalleyTimer         *timer);
char *galley_stream_message_build_error   (const char          *code,
                                           const char          *message,
                                           const char          *op_id);

const char *galley_stream_error_code      (const GError        *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyStreamMessage, galley_stream_message_unref)

G_END_DECLS
