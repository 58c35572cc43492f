package io.milo.crm.apiserver;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FlushConsolidation lets one TLS record and one socket write carry what many HTTP/2 streams wrote
 * in the same event-loop turn.
 *
 * <p>Vert.x flushes the connection after every write it makes outside a read: an event fanned out
 * to the 250 watches a client multiplexes on one connection became 250 TLS records and 250 system
 * calls, on the server and again on the client, and so did 64 responses finishing together. This
 * handler, between the HTTP/2 codec and the TLS handler, turns the flushes of one event-loop turn
 * into one flush at the end of the turn, so TLS packs the writes into as few records as their size
 * allows. Latency does not change: the flush runs as soon as the current task ends.
 *
 * <p>Netty's FlushConsolidationHandler does the same but decides by whether a read is in progress,
 * which it cannot tell reliably behind the TLS handler (reads TLS starts on its own are not closed
 * by a read-complete), and then held writes back until the next read: watch events were lost.
 * Here every flush is deferred the same way, whatever is being read.
 *
 * <p>The pipeline is reached through Vert.x's connection implementation class; where that is not
 * available the server works as before.
 */
final class FlushConsolidation extends ChannelOutboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(FlushConsolidation.class);
  static final String NAME = "milo-flush-consolidation";

  private boolean flushPending;
  private boolean flushScheduled;

  static void install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      LOG.debug("connection {} exposes no pipeline; writes are flushed one by one", connection.getClass().getName());
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get(NAME) != null) {
      return;
    }
    if (pipeline.get("ssl") != null) {
      pipeline.addAfter("ssl", NAME, new FlushConsolidation());
    } else {
      pipeline.addFirst(NAME, new FlushConsolidation());
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    flushPending = true;
    if (!ctx.channel().isWritable()) {
      // The socket pushes back: hand over what is queued now so the buffer drains.
      flushNow(ctx);
      return;
    }
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor().execute(() -> {
        flushScheduled = false;
        flushNow(ctx);
      });
    }
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    flushNow(ctx);
    ctx.close(promise);
  }

  @Override
  public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    flushNow(ctx);
    ctx.disconnect(promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    flushNow(ctx);
  }

  private void flushNow(ChannelHandlerContext ctx) {
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
  }
}
