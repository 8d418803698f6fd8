// A figure from the image library, stored as <figure data-image-id="N"></figure>.
// The public page renders it with the library's caption and credit.
import { Node, Plugin, isNodeSelection } from "django-prose-editor/editor"

const pickerUrl = (editor) => {
  const textarea =
    editor.options.element?.closest(".prose-editor")?.parentElement?.querySelector("textarea[data-image-picker]") ||
    document.querySelector("textarea[data-image-picker]")
  return textarea?.dataset.imagePicker
}

// The words it shows, translated by the page (templates/admin/articles/article/change_form.html).
const words = () => document.getElementById("newsroom-words").dataset
const fill = (message, values) =>
  (message || "").replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match))

// The figure as a card: thumbnail, caption and credit, as the page will show it.
const describeImage = (image) => {
  const parts = []
  if (image.thumbnail) {
    const img = document.createElement("img")
    img.src = image.thumbnail
    img.alt = ""
    parts.push(img)
  }
  const text = document.createElement("span")
  text.className = "library-figure__text"
  const caption = document.createElement("span")
  caption.className = "library-figure__caption"
  caption.textContent = image.caption || image.alt || fill(words().libraryImage, { id: image.id })
  const credit = document.createElement("span")
  credit.className = "library-figure__credit"
  credit.textContent = image.credit
    ? fill(words().photograph, { credit: image.credit })
    : words().noCredit
  text.append(caption, credit)
  parts.push(text)
  if (image.problems.length) {
    const warning = document.createElement("strong")
    warning.className = "library-figure__problem"
    warning.textContent = image.problems.join("; ")
    parts.push(warning)
  }
  return parts
}

const openPicker = (editor) => {
  const url = pickerUrl(editor)
  const dialog = document.createElement("dialog")
  dialog.className = "library-picker"
  dialog.setAttribute("aria-label", words().insertImage)
  dialog.innerHTML = `
    <form method="dialog" class="library-picker__search">
      <label><span></span> <input type="search" name="q"></label>
      <button type="submit" value="cancel"></button>
    </form>
    <ul class="library-picker__results"></ul>`
  dialog.querySelector("label span").textContent = words().searchLibrary
  dialog.querySelector("input").placeholder = words().captionOrCredit
  dialog.querySelector("button").textContent = words().close
  const input = dialog.querySelector("input")
  const results = dialog.querySelector("ul")
  const search = async () => {
    const response = await fetch(`${url}?q=${encodeURIComponent(input.value)}`, {
      credentials: "same-origin",
    })
    const { images } = await response.json()
    results.replaceChildren(
      ...images.map((image) => {
        const item = document.createElement("li")
        const button = document.createElement("button")
        button.type = "button"
        button.className = "library-picker__choice"
        button.dataset.imageId = image.id
        button.append(...describeImage(image))
        button.addEventListener("click", () => {
          editor.chain().focus().insertLibraryFigure(image.id).run()
          dialog.close()
        })
        item.append(button)
        return item
      }),
    )
    if (!images.length) {
      const none = document.createElement("li")
      none.textContent = words().noPictures
      results.replaceChildren(none)
    }
  }
  let timer
  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(search, 200)
  })
  dialog.addEventListener("close", () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  search()
}

export const LibraryFigure = Node.create({
  name: "libraryFigure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      imageId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-image-id"),
        renderHTML: (attributes) => ({ "data-image-id": attributes.imageId }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image-id]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const editor = this.editor
    return ({ node }) => {
      const dom = document.createElement("div")
      dom.className = "library-figure"
      dom.dataset.imageId = node.attrs.imageId
      dom.textContent = fill(words().libraryImage, { id: node.attrs.imageId })
      const url = pickerUrl(editor)
      if (url) {
        fetch(`${url}?id=${encodeURIComponent(node.attrs.imageId)}`, { credentials: "same-origin" })
          .then((response) => response.json())
          .then(({ images }) => {
            if (images.length) dom.replaceChildren(...describeImage(images[0]))
            else dom.textContent = fill(words().notInLibrary, { id: node.attrs.imageId })
          })
      }
      return { dom }
    }
  },

  addCommands() {
    return {
      // The figure, then the cursor in a paragraph after it: the next keystroke goes there.
      insertLibraryFigure:
        (imageId) =>
        ({ commands }) =>
          commands.insertContent([
            { type: this.name, attrs: { imageId: String(imageId) } },
            { type: "paragraph" },
          ]),
    }
  },

  // A selected figure (just clicked, or reached with the arrow keys) is not replaced by what
  // is typed or pasted: the text goes into a paragraph after it. Only Delete or Backspace on
  // it removes it, and undo brings it back.
  addProseMirrorPlugins() {
    const editor = this.editor
    const figure = this.type
    const moveAfterSelectedFigure = () => {
      const { selection, doc } = editor.state
      if (!isNodeSelection(selection) || selection.node.type !== figure) return false
      const after = selection.to
      const next = doc.resolve(after).nodeAfter
      if (next && next.isTextblock) {
        editor.commands.setTextSelection(after + 1)
      } else {
        editor.chain().insertContentAt(after, { type: "paragraph" }).setTextSelection(after + 1).run()
      }
      return true
    }
    return [
      new Plugin({
        props: {
          handleTextInput: (view, from, to, text) => {
            if (!moveAfterSelectedFigure()) return false
            editor.commands.insertContent(text)
            return true
          },
          handleKeyDown: (view, event) => {
            if (event.key !== "Enter" || event.shiftKey) return false
            return moveAfterSelectedFigure()
          },
          handlePaste: (view, event, slice) => {
            if (!moveAfterSelectedFigure()) return false
            view.dispatch(view.state.tr.replaceSelection(slice).scrollIntoView())
            return true
          },
          handleDrop: () => false,
        },
      }),
    ]
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "libraryFigure",
      groups: "nodes",
      button: buttons.material("image", words().insertImage),
      command(editor) {
        openPicker(editor)
      },
    })
  },
})
