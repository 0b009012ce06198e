// Sending digests through SMTP (nodemailer). The URL carries server, port, TLS and login:
// smtp://user:pass@mail.example:587 (STARTTLS when offered), smtps://…:465 (TLS from the start).
import nodemailer, { type Transporter } from 'nodemailer';
import type { DigestMail } from './message.js';
import { DELIVERY_HEADER } from './sign.js';

export interface MailResult {
  /** The server's reply to the message, e.g. "250 OK: queued as …". */
  response: string;
  messageId: string;
}

export interface SendOptions {
  /** Sent as X-Newsdesk-Delivery: the same on every resend of this digest, for de-duplication. */
  deliveryId?: string;
}

export interface Mailer {
  send(to: string[], mail: DigestMail, o?: SendOptions): Promise<MailResult>;
  close(): Promise<void>;
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    if (!/^smtps?:\/\//.test(smtpUrl)) {
      throw new Error(`smtpUrl ${JSON.stringify(smtpUrl)} is not smtp://HOST:PORT or smtps://HOST:PORT (set NEWSDESK_SMTP_URL)`);
    }
    if (!from) throw new Error('mailFrom is empty: set NEWSDESK_MAIL_FROM to the address digests are sent from');
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(to: string[], mail: DigestMail, o: SendOptions = {}): Promise<MailResult> {
    const headers = o.deliveryId ? { [DELIVERY_HEADER]: o.deliveryId } : {};
    const info = (await this.transport.sendMail({
      from: this.from,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers,
    })) as {
      response?: string;
      messageId?: string;
    };
    return { response: info.response ?? '', messageId: info.messageId ?? '' };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
