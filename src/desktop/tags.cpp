/* SPDX-License-Identifier: MIT */
// tags.cpp — a rendered file's tags, chapters, words and cover, through
// TagLib (see tags.h). Written in the plainest C++ TagLib allows: no
// exceptions of its own, objects on the stack, frames handed to the tag that
// owns them.
#include "tags.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <strings.h>

#include <taglib/attachedpictureframe.h>
#include <taglib/chapterframe.h>
#include <taglib/flacfile.h>
#include <taglib/flacpicture.h>
#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/opusfile.h>
#include <taglib/synchronizedlyricsframe.h>
#include <taglib/tableofcontentsframe.h>
#include <taglib/textidentificationframe.h>
#include <taglib/unsynchronizedlyricsframe.h>
#include <taglib/vorbisfile.h>
#include <taglib/xiphcomment.h>

using namespace TagLib;

static String text(const char *s)
{
    return String(s ? s : "", String::UTF8);
}

enum tags_kind tags_kind_of(const char *path)
{
    const char *dot = std::strrchr(path, '.');
    if (!dot || std::strchr(dot, '/'))
        return TAGS_NONE;
    static const struct {
        const char *ext;
        enum tags_kind kind;
    } kinds[] = {{".mp3", TAGS_MP3},
                 {".ogg", TAGS_VORBIS},
                 {".oga", TAGS_VORBIS},
                 {".opus", TAGS_OPUS},
                 {".flac", TAGS_FLAC}};
    for (const auto &k : kinds)
        if (strcasecmp(dot, k.ext) == 0)
            return k.kind;
    return TAGS_NONE;
}

int tags_chapters_kept(enum tags_kind kind, int n)
{
    const int vorbis_max = 999;
    return kind == TAGS_NONE ? 0 : kind == TAGS_MP3 || n < vorbis_max ? n : vorbis_max;
}

// ---- MP3: ID3v2.3 ----

// Version 2.3 rather than 2.4: it is the one every phone reads. TagLib
// writes its text as UTF-16, which 2.3 has.
static const String::Type ID3_TEXT = String::UTF16;

static ID3v2::Frame *title_frame(const String &title)
{
    auto *f = new ID3v2::TextIdentificationFrame("TIT2", ID3_TEXT);
    f->setText(title);
    return f;
}

static void id3_chapters(ID3v2::Tag *tag, const struct chapters *c)
{
    // One table of contents, in play order, naming every chapter.
    ByteVectorList ids;
    for (int i = 0; i < c->nch; i++)
        ids.append(ByteVector::fromCString(("ch" + String::number(i + 1)).toCString()));
    ID3v2::FrameList toc_title;
    toc_title.append(title_frame("Chapters"));
    auto *toc = new ID3v2::TableOfContentsFrame("toc", ids, toc_title);
    toc->setIsTopLevel(true);
    toc->setIsOrdered(true);
    tag->addFrame(toc);

    const unsigned int unused = 0xFFFFFFFF; // no byte offsets: times alone
    ByteVectorList::ConstIterator id = ids.begin();
    for (int i = 0; i < c->nch; i++, ++id) {
        const struct chapter *ch = &c->ch[i];
        ID3v2::FrameList sub;
        sub.append(title_frame(text(ch->title)));
        tag->addFrame(new ID3v2::ChapterFrame(*id, (unsigned)chapters_ms(c, ch->start),
                                              (unsigned)chapters_ms(c, ch->end), unused, unused,
                                              sub));
    }
}

static void id3_words(ID3v2::Tag *tag, const struct chapters *c)
{
    size_t len;
    char *words = chapters_words(c, &len);
    if (words) {
        auto *plain = new ID3v2::UnsynchronizedLyricsFrame(ID3_TEXT);
        plain->setLanguage("eng");
        plain->setText(text(words));
        tag->addFrame(plain);
        std::free(words);
    }
    auto *timed = new ID3v2::SynchronizedLyricsFrame(ID3_TEXT);
    timed->setLanguage("eng");
    timed->setTimestampFormat(ID3v2::SynchronizedLyricsFrame::AbsoluteMilliseconds);
    timed->setType(ID3v2::SynchronizedLyricsFrame::Lyrics);
    ID3v2::SynchronizedLyricsFrame::SynchedTextList lines;
    for (int i = 0; i < c->nly; i++)
        lines.append(ID3v2::SynchronizedLyricsFrame::SynchedText(
            (unsigned)chapters_ms(c, c->ly[i].frame), text(c->ly[i].text)));
    timed->setSynchedText(lines);
    tag->addFrame(timed);
}

static bool write_mp3(const char *path, const struct tags *t)
{
    MPEG::File file(path, false);
    if (!file.isValid())
        return false;
    ID3v2::Tag *tag = file.ID3v2Tag(true);
    tag->setTitle(text(t->title));
    tag->setAlbum(text(t->album));
    tag->setArtist(text(t->artist));
    if (t->genre)
        tag->setGenre(text(t->genre));
    if (t->year)
        tag->setYear((unsigned)std::atoi(t->year));
    if (t->comment)
        tag->setComment(text(t->comment));
    if (t->cover) {
        auto *pic = new ID3v2::AttachedPictureFrame;
        pic->setMimeType("image/png");
        pic->setType(ID3v2::AttachedPictureFrame::FrontCover);
        pic->setPicture(ByteVector((const char *)t->cover, (unsigned)t->cover_len));
        tag->addFrame(pic);
    }
    if (t->chapters && t->with_chapters)
        id3_chapters(tag, t->chapters);
    if (t->chapters)
        id3_words(tag, t->chapters);
    return file.save(MPEG::File::ID3v2, File::StripOthers, ID3v2::v3, File::DoNotDuplicate);
}

// ---- Ogg Vorbis, Opus and FLAC: Vorbis comments ----

// "HH:MM:SS.mmm", the chapter convention's time.
static String clock(const struct chapters *c, int64_t frame)
{
    long long ms = chapters_ms(c, frame);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60,
                  ms / 1000 % 60, ms % 1000);
    return buf;
}

static void xiph_fill(Ogg::XiphComment *x, const struct tags *t)
{
    x->setTitle(text(t->title));
    x->setAlbum(text(t->album));
    x->setArtist(text(t->artist));
    if (t->genre)
        x->setGenre(text(t->genre));
    if (t->year)
        x->addField("DATE", text(t->year));
    if (t->comment)
        x->setComment(text(t->comment));
    const struct chapters *c = t->chapters;
    if (c && t->with_chapters)
        for (int i = 0; i < tags_chapters_kept(TAGS_VORBIS, c->nch); i++) {
            char key[16];
            std::snprintf(key, sizeof key, "CHAPTER%03d", i + 1);
            x->addField(key, clock(c, c->ch[i].start));
            x->addField(String(key) + "NAME", text(c->ch[i].title));
        }
    if (c) {
        size_t len;
        char *lrc = chapters_lrc(c, t->title, t->artist, t->album, &len);
        if (lrc)
            x->addField("LYRICS", text(lrc));
        std::free(lrc);
    }
}

static FLAC::Picture *picture(const struct tags *t)
{
    auto *p = new FLAC::Picture;
    p->setType(FLAC::Picture::FrontCover);
    p->setMimeType("image/png");
    p->setData(ByteVector((const char *)t->cover, (unsigned)t->cover_len));
    return p;
}

template <class OggFile> static bool write_ogg(const char *path, const struct tags *t)
{
    OggFile file(path, false);
    if (!file.isValid() || !file.tag())
        return false;
    xiph_fill(file.tag(), t);
    if (t->cover)
        file.tag()->addPicture(picture(t));
    return file.save();
}

static bool write_flac(const char *path, const struct tags *t)
{
    FLAC::File file(path, false);
    if (!file.isValid())
        return false;
    xiph_fill(file.xiphComment(true), t);
    if (t->cover)
        file.addPicture(picture(t));
    return file.save();
}

// ---- reading back ----

// What TagLib reads of a file: its title and its length in milliseconds
// (-1 when it cannot read the file as that kind at all).
template <class F> static long read_back(const char *path, String *title)
{
    F f(path, true);
    if (!f.isValid() || !f.audioProperties())
        return -1;
    if (title && f.tag())
        *title = f.tag()->title();
    return f.audioProperties()->lengthInMilliseconds();
}

static long length_of(const char *path, enum tags_kind kind, String *title)
{
    switch (kind) {
    case TAGS_MP3:
        return read_back<MPEG::File>(path, title);
    case TAGS_VORBIS:
        return read_back<Ogg::Vorbis::File>(path, title);
    case TAGS_OPUS:
        return read_back<Ogg::Opus::File>(path, title);
    case TAGS_FLAC:
        return read_back<FLAC::File>(path, title);
    case TAGS_NONE:
        break;
    }
    return 0;
}

int tags_write(const char *path, enum tags_kind kind, const struct tags *t, char *err,
               size_t errlen)
{
    bool ok = true;
    try {
        // TagLib does not report every failed write (its stream ignores a
        // short one), so the file is believed only when it reads back as
        // long as before, with the title written.
        long before = length_of(path, kind, nullptr);
        switch (kind) {
        case TAGS_MP3:
            ok = write_mp3(path, t);
            break;
        case TAGS_VORBIS:
            ok = write_ogg<Ogg::Vorbis::File>(path, t);
            break;
        case TAGS_OPUS:
            ok = write_ogg<Ogg::Opus::File>(path, t);
            break;
        case TAGS_FLAC:
            ok = write_flac(path, t);
            break;
        case TAGS_NONE:
            break;
        }
        String title;
        ok = ok && before >= 0 && length_of(path, kind, &title) == before &&
             (kind == TAGS_NONE || title == text(t->title));
    } catch (const std::bad_alloc &) {
        std::snprintf(err, errlen, "out of memory for its tags");
        return -1;
    }
    if (!ok) {
        std::snprintf(err, errlen, "its tags could not be written");
        return -1;
    }
    return 0;
}
