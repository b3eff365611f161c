package io.parley.common.json;

import io.parley.common.event.ChannelEvent;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationChanged;
import io.parley.common.event.ConversationCommand;
import io.parley.common.event.InboundMessage;
import io.parley.common.event.SendRejected;
import io.parley.common.event.SequencedMessage;
import io.parley.common.event.TicketChanged;
import io.parley.common.model.BusinessHours;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.common.model.VisitorProfile;
import io.parley.common.rest.ApiError;
import io.parley.common.wire.ClientFrame;
import io.parley.common.wire.ConversationActionKind;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type {@link Json} reads or writes for the wire, Kafka records and Redis events, registered for reflection so
 * a native image (native-build/) can (de)serialise them: Jackson finds records' components and enums' values by
 * reflection, which GraalVM removes unless told. Nested types (the frames and events inside these sealed
 * interfaces) are included. JsonTypesTest fails when a type of these packages is missing here.
 */
@RegisterForReflection(targets = { ChannelEvent.class, CommandResult.class, ConversationChanged.class,
    ConversationCommand.class, InboundMessage.class, SendRejected.class, SequencedMessage.class, TicketChanged.class,
    BusinessHours.class, ConversationStatus.class, Handoff.class, MessagePart.class, Participant.class, RoutingHints.class,
    VisitorProfile.class, ApiError.class, ClientFrame.class, ConversationActionKind.class, ErrorCode.class,
    ServerFrame.class })
public final class JsonTypes {
    private JsonTypes() {
    }
}
