import type { ConnectorDefinition } from '../types';
import { defineActions } from './define';

export const chat: ConnectorDefinition = {
  id: 'chat',
  label: 'Team chat',
  description: "The team's channels, direct messages and member directory.",
  icon: 'message',
  actions: defineActions([
    { scope: 'chat.users.read', label: 'Look up colleagues', effect: 'read', data: ['personal'], dataset: 'employees', inputs: ['userId', 'email'], description: 'Looks up a colleague in the team directory.' },
    { scope: 'chat.messages.post', label: 'Post in a channel', effect: 'send', inputs: ['channel', 'text'], description: 'Posts a message in a team channel.' },
    { scope: 'chat.messages.direct', label: 'Message a colleague', effect: 'send', inputs: ['user', 'text'], description: 'Sends a direct message to one colleague.' },
    { scope: 'chat.channels.create', label: 'Create a channel', effect: 'write', inputs: ['name', 'members'], description: 'Creates a channel and adds its first members.' },
    { scope: 'chat.users.invite', label: 'Invite a member', effect: 'write', data: ['personal', 'security'], inputs: ['email', 'name', 'channels'], description: 'Invites a person to the workspace, which gives them access to its channels.' },
    { scope: 'chat.messages.delete', label: 'Delete a message', effect: 'delete', inputs: ['channel', 'messageId'], description: 'Deletes a message from a channel.' },
  ]),
};
